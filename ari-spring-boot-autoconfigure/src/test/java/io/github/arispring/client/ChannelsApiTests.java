package io.github.arispring.client;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import io.github.arispring.model.Channel;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;
import io.github.arispring.model.Variables;

import static io.github.arispring.client.AriWireMock.delete;
import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChannelsApi} and {@link ReactiveChannelsApi} against recorded Asterisk answers.
 */
class ChannelsApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void channelsOriginateShouldSendQueryParametersAndVariablesBody() {
		ari.respond("channels/originate.json");
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("SAMPLE_VAR", "sample value");
		variables.put("Call_State", Map.of("value", "WaitingForAgent", "report_events", true));
		ChannelOriginateParams params = ChannelOriginateParams.builder()
			.app("flow5")
			.appArgs("outbound,flow5")
			.channelId("flow5-mwzuqc71")
			.otherChannelId("flow5-mwzuqc71-far")
			.callerId("\"Flow Five\" <5550005>")
			.timeout(30)
			.variables(variables)
			.build();
		List<Channel> channels = ari.call(post("/ari/channels").query("endpoint", "Local/2@far-end-hangup")
			.query("app", "flow5")
			.query("appArgs", "outbound,flow5")
			.query("callerId", "\"Flow Five\" <5550005>")
			.query("timeout", "30")
			.query("channelId", "flow5-mwzuqc71")
			.query("otherChannelId", "flow5-mwzuqc71-far")
			.body("""
					{"variables": {"SAMPLE_VAR": "sample value",
						"Call_State": {"value": "WaitingForAgent", "report_events": true}}}"""),
				() -> ari.client(ChannelsApi.class).originate("Local/2@far-end-hangup", params),
				() -> ari.client(ReactiveChannelsApi.class).originate("Local/2@far-end-hangup", params));
		assertThat(channels).allSatisfy((channel) -> {
			assertThat(channel.id()).isEqualTo("1795836578.0");
			assertThat(channel.name()).isEqualTo("Local/100@default-00000000;1");
			assertThat(channel.state()).isEqualTo("Down");
			assertThat(channel.protocolId()).isNotNull().isEmpty();
			assertThat(channel.caller().name()).isEmpty();
			assertThat(channel.dialplan().context()).isEqualTo("default");
			assertThat(channel.dialplan().priority()).isEqualTo(1L);
			assertThat(channel.dialplan().appName()).isEqualTo("AppDial2");
			assertThat(channel.dialplan().appData()).isEqualTo("(Outgoing Line)");
			assertThat(channel.creationtime()).isEqualTo(OffsetDateTime.parse("2026-11-28T03:29:38.666Z"));
			assertThat(channel.language()).isEqualTo("en");
			assertThat(channel.additionalProperties()).isEmpty();
		});
	}

	@Test
	void channelsGetShouldKeepUnknownFieldsInAdditionalProperties() {
		ObjectNode body = (ObjectNode) AriWireMock.sampleJson("channels/get.json");
		body.put("future_field", "from a newer Asterisk");
		body.putObject("future_object").put("depth", 2);
		ari.respond(WireMock.okJson(body.toString()));
		List<Channel> channels = ari.call(get("/ari/channels/1795836659.49"),
				() -> ari.client(ChannelsApi.class).get("1795836659.49"),
				() -> ari.client(ReactiveChannelsApi.class).get("1795836659.49"));
		assertThat(channels).allSatisfy((channel) -> {
			assertThat(channel.id()).isEqualTo("1795836659.49");
			assertThat(channel.caller().name()).isEqualTo("Sample Caller");
			assertThat(channel.caller().number()).isEqualTo("5550100");
			assertThat(channel.creationtime()).isEqualTo(OffsetDateTime.parse("2026-11-28T03:30:59.647Z"));
			assertThat(channel.additionalProperties()).containsOnly(
					Map.entry("future_field", "from a newer Asterisk"),
					Map.entry("future_object", Map.of("depth", 2)));
		});
	}

	@Test
	void channelsListShouldReadEveryChannel() {
		ari.respond("channels/list.json");
		List<List<Channel>> lists = ari.call(get("/ari/channels"),
				() -> ari.client(ChannelsApi.class).list(),
				() -> ari.client(ReactiveChannelsApi.class).list().collectList());
		assertThat(lists).allSatisfy((channels) -> assertThat(channels).extracting(Channel::id)
			.containsExactly("1795836659.49", "1795836660.51", "1795836660.52", "1795836659.50"));
	}

	@Test
	void channelsHangupShouldSendDeleteWithReason() {
		ari.respondNoContent();
		ari.run(delete("/ari/channels/1795836578.1").query("reason", "busy"),
				() -> ari.client(ChannelsApi.class).hangup("1795836578.1", null, "busy"),
				() -> ari.client(ReactiveChannelsApi.class).hangup("1795836578.1", null, "busy"));
	}

	@Test
	void channelsSendDtmfShouldEncodeHashInQuery() {
		ari.respondNoContent();
		ChannelSendDTMFParams params = ChannelSendDTMFParams.builder().dtmf("123#").between(200).duration(120).build();
		ari.run(post("/ari/channels/1795836590.11/dtmf").query("dtmf", "123#")
			.query("between", "200")
			.query("duration", "120"), () -> ari.client(ChannelsApi.class).sendDTMF("1795836590.11", params),
				() -> ari.client(ReactiveChannelsApi.class).sendDTMF("1795836590.11", params));
	}

	@Test
	void channelsSetChannelVarsShouldSendVariablesBody() {
		ari.respondNoContent();
		Map<String, Object> variables = Map.of("CALLERID(all)", "\"Alice\" <5551234>");
		ari.run(post("/ari/channels/1795836613.20/variables").body("""
				{"variables": {"CALLERID(all)": "\\"Alice\\" <5551234>"}}"""),
				() -> ari.client(ChannelsApi.class).setChannelVars("1795836613.20", variables),
				() -> ari.client(ReactiveChannelsApi.class).setChannelVars("1795836613.20", variables));
	}

	@Test
	void channelsSetChannelVarShouldEncodePlusInValue() {
		ari.respondNoContent();
		ari.run(post("/ari/channels/1795836613.20/variable").query("variable", "CALLERID(num)")
			.query("value", "+15551234")
			.query("report_events", "true"),
				() -> ari.client(ChannelsApi.class).setChannelVar("1795836613.20", "CALLERID(num)", "+15551234", true),
				() -> ari.client(ReactiveChannelsApi.class)
					.setChannelVar("1795836613.20", "CALLERID(num)", "+15551234", true));
	}

	@Test
	void channelsGetChannelVarsShouldJoinNamesWithCommas() {
		ari.respond("channels/getChannelVars.json");
		List<String> names = List.of("SAMPLE_VAR", "CALLERID(num)");
		List<Variables> results = ari.call(
				get("/ari/channels/1795836659.49/variables").query("variables", "SAMPLE_VAR,CALLERID(num)"),
				() -> ari.client(ChannelsApi.class).getChannelVars("1795836659.49", names),
				() -> ari.client(ReactiveChannelsApi.class).getChannelVars("1795836659.49", names));
		assertThat(results).allSatisfy((variables) -> assertThat(variables.variables())
			.containsExactly(Map.entry("SAMPLE_VAR", "sample value"), Map.entry("CALLERID(num)", "5550100")));
	}

	@Test
	void channelsPlayShouldJoinMediaAndReadPlayback() {
		ari.respond("channels/play.json");
		List<String> media = List.of("sound:hello-world", "sound:silence/2");
		ChannelPlayParams params = ChannelPlayParams.builder().playbackId("sample-playback-1").build();
		List<Playback> playbacks = ari.call(post("/ari/channels/1795836578.1/play")
			.query("media", "sound:hello-world,sound:silence/2")
			.query("playbackId", "sample-playback-1"),
				() -> ari.client(ChannelsApi.class).play("1795836578.1", media, params),
				() -> ari.client(ReactiveChannelsApi.class).play("1795836578.1", media, params));
		assertThat(playbacks).allSatisfy((playback) -> {
			assertThat(playback.id()).isEqualTo("7e72e692-748b-42d2-8835-7f637eebe5b5");
			assertThat(playback.mediaUri()).isEqualTo("sound:hello-world");
			assertThat(playback.targetUri()).isEqualTo("channel:1795836578.1");
			assertThat(playback.state()).isEqualTo("playing");
			assertThat(playback.nextMediaUri()).isNull();
		});
	}

	@Test
	void channelsRecordShouldSendOptionalParametersAndReadLiveRecording() {
		ari.respond("channels/record.json");
		ChannelRecordParams params = ChannelRecordParams.builder()
			.ifExists("overwrite")
			.beep(false)
			.maxDurationSeconds(30)
			.build();
		List<LiveRecording> recordings = ari.call(post("/ari/channels/1795836595.12/record")
			.query("name", "flow4-recording")
			.query("format", "wav")
			.query("maxDurationSeconds", "30")
			.query("ifExists", "overwrite")
			.query("beep", "false"),
				() -> ari.client(ChannelsApi.class).record("1795836595.12", "flow4-recording", "wav", params),
				() -> ari.client(ReactiveChannelsApi.class)
					.record("1795836595.12", "flow4-recording", "wav", params));
		assertThat(recordings).allSatisfy((recording) -> {
			assertThat(recording.name()).isEqualTo("flow4-recording");
			assertThat(recording.state()).isEqualTo("queued");
			assertThat(recording.targetUri()).isEqualTo("channel:1795836595.12");
			assertThat(recording.duration()).isNull();
		});
	}

}
