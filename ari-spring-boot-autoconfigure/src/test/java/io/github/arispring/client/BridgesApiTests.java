package io.github.arispring.client;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.Bridge;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;

import static io.github.arispring.client.AriWireMock.delete;
import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BridgesApi} and {@link ReactiveBridgesApi} against recorded Asterisk answers.
 */
class BridgesApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void bridgesCreateShouldSendTypeAndNameAndReadBridge() {
		ari.respond("bridges/create.json");
		BridgeCreateParams params = BridgeCreateParams.builder().type("mixing").name("flow2-bridge").build();
		List<Bridge> bridges = ari.call(post("/ari/bridges").query("type", "mixing").query("name", "flow2-bridge"),
				() -> ari.client(BridgesApi.class).create(params),
				() -> ari.client(ReactiveBridgesApi.class).create(params));
		assertThat(bridges).allSatisfy((bridge) -> {
			assertThat(bridge.id()).isEqualTo("743440b6-c7c4-4cc5-890c-42355990e550");
			assertThat(bridge.technology()).isEqualTo("simple_bridge");
			assertThat(bridge.bridgeType()).isEqualTo("mixing");
			assertThat(bridge.bridgeClass()).isEqualTo("stasis");
			assertThat(bridge.name()).isEqualTo("flow2-bridge");
			assertThat(bridge.channels()).isEmpty();
			assertThat(bridge.videoMode()).isEqualTo("talker");
			assertThat(bridge.creationtime()).isEqualTo(OffsetDateTime.parse("2026-11-28T03:29:42.983Z"));
		});
	}

	@Test
	void bridgesCreateWithIdShouldPutIdInPathAndVariablesInBody() {
		ari.respond("bridges/createWithId.json");
		BridgeCreateWithIdParams params = BridgeCreateWithIdParams.builder()
			.type("mixing,dtmf_events")
			.name("extra")
			.variables(Map.of("BRIDGE_SAMPLE", "x"))
			.build();
		List<Bridge> bridges = ari.call(post("/ari/bridges/extra-bridge-mwzuqc71").query("type", "mixing,dtmf_events")
			.query("name", "extra")
			.body("{\"variables\": {\"BRIDGE_SAMPLE\": \"x\"}}"),
				() -> ari.client(BridgesApi.class).createWithId("extra-bridge-mwzuqc71", params),
				() -> ari.client(ReactiveBridgesApi.class).createWithId("extra-bridge-mwzuqc71", params));
		assertThat(bridges).extracting(Bridge::id).containsOnly("extra-bridge-mwzuqc71");
	}

	@Test
	void bridgesAddChannelShouldJoinChannelsWithCommas() {
		ari.respondNoContent();
		List<String> channels = List.of("1795836582.2", "1795836582.4");
		BridgeAddChannelParams params = BridgeAddChannelParams.builder().role("participant").mute(true).build();
		ari.run(post("/ari/bridges/743440b6-c7c4-4cc5-890c-42355990e550/addChannel")
			.query("channel", "1795836582.2,1795836582.4")
			.query("role", "participant")
			.query("mute", "true"),
				() -> ari.client(BridgesApi.class)
					.addChannel("743440b6-c7c4-4cc5-890c-42355990e550", channels, params),
				() -> ari.client(ReactiveBridgesApi.class)
					.addChannel("743440b6-c7c4-4cc5-890c-42355990e550", channels, params));
	}

	@Test
	void bridgesGetAndListShouldReadBridge() {
		ari.respond("bridges/get.json");
		List<Bridge> bridges = ari.call(get("/ari/bridges/sample-bridge-1"),
				() -> ari.client(BridgesApi.class).get("sample-bridge-1"),
				() -> ari.client(ReactiveBridgesApi.class).get("sample-bridge-1"));
		ari.respond("bridges/list.json");
		List<List<Bridge>> lists = ari.call(get("/ari/bridges"), () -> ari.client(BridgesApi.class).list(),
				() -> ari.client(ReactiveBridgesApi.class).list().collectList());
		assertThat(lists).allSatisfy((list) -> assertThat(list).containsExactlyElementsOf(bridges.subList(0, 1)));
		assertThat(bridges).allSatisfy((bridge) -> {
			assertThat(bridge.channels()).containsExactly("1795836660.51");
			assertThat(bridge.bridgevars()).isNull();
			assertThat(bridge.additionalProperties()).isEmpty();
		});
	}

	@Test
	void bridgesDestroyShouldSendDelete() {
		ari.respondNoContent();
		ari.run(delete("/ari/bridges/sample-bridge-1"),
				() -> ari.client(BridgesApi.class).destroy("sample-bridge-1"),
				() -> ari.client(ReactiveBridgesApi.class).destroy("sample-bridge-1"));
	}

	@Test
	void bridgesPlayShouldReadPlayback() {
		ari.respond("bridges/play.json");
		List<Playback> playbacks = ari.call(post("/ari/bridges/extra-bridge-mwzuqc71/play").query("media", "sound:beep"),
				() -> ari.client(BridgesApi.class).play("extra-bridge-mwzuqc71", List.of("sound:beep")),
				() -> ari.client(ReactiveBridgesApi.class).play("extra-bridge-mwzuqc71", List.of("sound:beep")));
		assertThat(playbacks).allSatisfy((playback) -> {
			assertThat(playback.id()).isEqualTo("b405b945-b928-46f5-99fe-cfd0e2a4c688");
			assertThat(playback.targetUri()).isEqualTo("bridge:extra-bridge-mwzuqc71");
			assertThat(playback.state()).isEqualTo("queued");
		});
	}

	@Test
	void bridgesRecordShouldSendOptionalParametersAndReadLiveRecording() {
		ari.respond("bridges/record.json");
		BridgeRecordParams params = BridgeRecordParams.builder().ifExists("overwrite").maxDurationSeconds(1).build();
		List<LiveRecording> recordings = ari.call(post("/ari/bridges/extra-bridge-mwzuqc71/record")
			.query("name", "extra-bridge-rec")
			.query("format", "wav")
			.query("maxDurationSeconds", "1")
			.query("ifExists", "overwrite"),
				() -> ari.client(BridgesApi.class).record("extra-bridge-mwzuqc71", "extra-bridge-rec", "wav", params),
				() -> ari.client(ReactiveBridgesApi.class)
					.record("extra-bridge-mwzuqc71", "extra-bridge-rec", "wav", params));
		assertThat(recordings).allSatisfy((recording) -> {
			assertThat(recording.name()).isEqualTo("extra-bridge-rec");
			assertThat(recording.format()).isEqualTo("wav");
			assertThat(recording.targetUri()).isEqualTo("bridge:extra-bridge-mwzuqc71");
		});
	}

}
