package io.github.arispring.event;

import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.arispring.AriSamples;
import io.github.arispring.model.Bridge;
import io.github.arispring.model.Channel;
import io.github.arispring.model.Endpoint;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Forward compatibility, key order, the shared event interfaces and the event catalogue.
 */
class AriEventTests {

	@Test
	void undeclaredTypeBecomesUnknownEventKeepingEveryField() {
		String json = "{\"type\":\"ChannelTeleported\",\"timestamp\":\"2026-11-28T03:29:38.670+0000\","
				+ "\"application\":\"x\",\"warp\":9,\"destination\":{\"galaxy\":\"M31\"},\"asterisk_id\":\"02:fc\"}";
		AriEvent event = read(json);
		assertThat(event).isInstanceOfSatisfying(UnknownEvent.class, (unknown) -> {
			assertThat(unknown.type()).isEqualTo("ChannelTeleported");
			assertThat(unknown.application()).isEqualTo("x");
			assertThat(unknown.asteriskId()).isEqualTo("02:fc");
			assertThat(unknown.timestamp()).isEqualTo(OffsetDateTime.parse("2026-11-28T03:29:38.670Z"));
			assertThat(unknown.additionalProperties()).containsOnly(entry("warp", 9),
					entry("destination", Map.of("galaxy", "M31")));
		});
		assertThat(AriSamples.writtenTree(event)).isEqualTo(AriSamples.MAPPER.readTree(json));
	}

	@Test
	void undeclaredTypeWithOnlyATypeBecomesUnknownEvent() {
		AriEvent event = read("{\"type\":\"Ping\"}");
		assertThat(event).isInstanceOf(UnknownEvent.class);
		assertThat(event.type()).isEqualTo("Ping");
		assertThat(event.timestamp()).isNull();
		assertThat(event.additionalProperties()).isEmpty();
	}

	@Test
	void knownEventKeepsAnUndeclaredFieldAndWritesItBack() {
		ObjectNode tree = (ObjectNode) AriSamples.MAPPER.readTree(AriSamples.read("events/StasisStart.json"));
		tree.put("replace_channel_reason", "future");
		tree.putArray("tags").add("a").add(2);
		AriEvent event = read(tree.toString());
		assertThat(event).isInstanceOfSatisfying(StasisStart.class, (start) -> assertThat(start.additionalProperties())
			.containsOnly(entry("replace_channel_reason", "future"), entry("tags", List.of("a", 2))));
		assertThat(AriSamples.writtenTree(event)).isEqualTo(tree);
	}

	@Test
	void typeAfterOtherKeysIsRecognised() {
		List<String> raw = AriSamples.lines("events/raw.jsonl");
		String varset = frameStartingWith(raw, "{\"variable\":\"STASISSTATUS\",\"value\":\"\",\"type\":\"ChannelVarset\"");
		String hangup = frameStartingWith(raw, "{\"cause\":32,\"soft\":true,\"type\":\"ChannelHangupRequest\"");
		String talking = frameStartingWith(raw, "{\"duration\":1242,\"type\":\"ChannelTalkingFinished\"");
		assertThat(read(varset)).isInstanceOfSatisfying(ChannelVarset.class, (event) -> {
			assertThat(event.variable()).isEqualTo("STASISSTATUS");
			assertThat(event.value()).isEmpty();
			assertThat(event.channel().id()).isEqualTo("1795836582.2");
		});
		assertThat(read(hangup)).isInstanceOfSatisfying(ChannelHangupRequest.class, (event) -> {
			assertThat(event.cause()).isEqualTo(32);
			assertThat(event.soft()).isTrue();
			assertThat(event.channel().id()).isEqualTo("1795836578.1");
		});
		assertThat(read(talking)).isInstanceOfSatisfying(ChannelTalkingFinished.class,
				(event) -> assertThat(event.duration()).isEqualTo(1242));
	}

	@Test
	void typeAfterOtherKeysInAFlowFrameIsRecognised() {
		List<String> flow = AriSamples.lines("flows/2-mixing-bridge.jsonl");
		assertThat(flow).filteredOn((frame) -> frame.startsWith("{\"variable\":")).isNotEmpty().allSatisfy(
				(frame) -> assertThat(read(frame)).isInstanceOf(ChannelVarset.class));
		assertThat(flow).filteredOn((frame) -> frame.startsWith("{\"cause\":")).isNotEmpty().allSatisfy(
				(frame) -> assertThat(read(frame)).isInstanceOf(ChannelHangupRequest.class));
	}

	@Test
	void stasisStartIsAChannelEvent() {
		AriEvent event = read(AriSamples.read("events/StasisStart.json"));
		assertThat(event).isInstanceOfSatisfying(ChannelEvent.class,
				(channelEvent) -> assertThat(channelEvent.channel().id()).isEqualTo("1795836582.2"));
		assertThat(event).isNotInstanceOf(BridgeEvent.class);
		assertThat(((StasisStart) event).args()).containsExactly("caller-a");
		assertThat(event.application()).isEqualTo("flow2");
		assertThat(event.asteriskId()).isEqualTo("02:fc:00:00:00:01");
		assertThat(event.timestamp()).isEqualTo(OffsetDateTime.parse("2026-11-28T03:29:42.958Z"));
	}

	@Test
	void dialIsAChannelEventAboutItsPeer() {
		Dial dial = (Dial) read(AriSamples.read("events/Dial.json"));
		ChannelEvent event = dial;
		assertThat(event.channel()).isSameAs(dial.peer());
		assertThat(event.channel().id()).isEqualTo("1795836622.26");
		assertThat(dial.caller().id()).isEqualTo("1795836622.25");
	}

	@Test
	void channelEnteredBridgeIsAboutItsChannelAndItsBridge() {
		AriEvent event = read(AriSamples.read("events/ChannelEnteredBridge.json"));
		assertThat(event).isInstanceOfSatisfying(ChannelEvent.class,
				(channelEvent) -> assertThat(channelEvent.channel().id()).isEqualTo("1795836582.2"));
		assertThat(event).isInstanceOfSatisfying(BridgeEvent.class,
				(bridgeEvent) -> assertThat(bridgeEvent.bridge().id()).isEqualTo("743440b6-c7c4-4cc5-890c-42355990e550"));
	}

	@Test
	void playbackRecordingBridgeAndEndpointEventsExposeTheirObject() {
		assertThat(read(AriSamples.read("events/PlaybackStarted.json"))).isInstanceOfSatisfying(PlaybackEvent.class,
				(event) -> assertThat(event.playback().id()).isEqualTo("7e72e692-748b-42d2-8835-7f637eebe5b5"))
			.isNotInstanceOf(ChannelEvent.class);
		assertThat(read(AriSamples.read("events/RecordingFinished.json"))).isInstanceOfSatisfying(
				RecordingEvent.class, (event) -> assertThat(event.recording().name()).isEqualTo("flow4-recording"));
		assertThat(read(AriSamples.read("events/BridgeCreated.json"))).isInstanceOfSatisfying(BridgeEvent.class,
				(event) -> assertThat(event.bridge().id()).isEqualTo("b6f826bd-ae23-4b6b-84af-f8ecd7b90767"));
		assertThat(read(AriSamples.read("events/EndpointStateChange.json"))).isInstanceOf(EndpointEvent.class);
		assertThat(read(AriSamples.read("events/ApplicationReplaced.json"))).isNotInstanceOf(ChannelEvent.class)
			.isNotInstanceOf(BridgeEvent.class)
			.isNotInstanceOf(PlaybackEvent.class)
			.isNotInstanceOf(RecordingEvent.class)
			.isNotInstanceOf(EndpointEvent.class);
	}

	@Test
	void sharedInterfacesAreImplementedExactlyByTheTypesCarryingTheirObject() {
		assertThat(AriEventTypes.BY_NAME.values()).allSatisfy((type) -> {
			assertThat(ChannelEvent.class.isAssignableFrom(type)).as("%s is a ChannelEvent", type.getSimpleName())
				.isEqualTo(has(type, "channel", Channel.class) || type == Dial.class);
			assertThat(BridgeEvent.class.isAssignableFrom(type)).as("%s is a BridgeEvent", type.getSimpleName())
				.isEqualTo(has(type, "bridge", Bridge.class));
			assertThat(PlaybackEvent.class.isAssignableFrom(type)).as("%s is a PlaybackEvent", type.getSimpleName())
				.isEqualTo(has(type, "playback", Playback.class));
			assertThat(RecordingEvent.class.isAssignableFrom(type)).as("%s is a RecordingEvent", type.getSimpleName())
				.isEqualTo(has(type, "recording", LiveRecording.class));
			assertThat(EndpointEvent.class.isAssignableFrom(type)).as("%s is an EndpointEvent", type.getSimpleName())
				.isEqualTo(has(type, "endpoint", Endpoint.class));
		});
		assertThat(AriEventTypes.BY_NAME.values()).filteredOn(ChannelEvent.class::isAssignableFrom).hasSize(24);
		assertThat(AriEventTypes.BY_NAME.values()).filteredOn(BridgeEvent.class::isAssignableFrom).hasSize(8);
		assertThat(AriEventTypes.BY_NAME.values()).filteredOn(PlaybackEvent.class::isAssignableFrom).hasSize(3);
		assertThat(AriEventTypes.BY_NAME.values()).filteredOn(RecordingEvent.class::isAssignableFrom).hasSize(3);
		assertThat(AriEventTypes.BY_NAME.values()).filteredOn(EndpointEvent.class::isAssignableFrom).hasSize(5);
	}

	@Test
	void catalogueNamesEachTypeAfterItsClass() {
		assertThat(AriEventTypes.BY_NAME).hasSize(46)
			.allSatisfy((name, type) -> assertThat(type.getSimpleName()).isEqualTo(name))
			.containsEntry("StasisStart", StasisStart.class)
			.containsEntry("MissingParams", MissingParams.class)
			.doesNotContainKeys("Message", "Event", "UnknownEvent");
	}

	@Test
	void peerPortIsTheNumberAsteriskSendsThoughDeclaredAsText() {
		String json = AriSamples.read("events/variants/PeerStatusChange/2.json");
		JsonNode port = AriSamples.MAPPER.readTree(json).path("peer").path("port");
		PeerStatusChange event = (PeerStatusChange) read(json);
		assertThat(port.isNumber()).isTrue();
		assertThat(event.peer().port()).isEqualTo(port.asInt());
		assertThat(AriSamples.writtenTree(event).path("peer").path("port").isNumber()).isTrue();
	}

	private static AriEvent read(String json) {
		return AriSamples.MAPPER.readValue(json, AriEvent.class);
	}

	private static String frameStartingWith(List<String> frames, String prefix) {
		return frames.stream().filter((frame) -> frame.startsWith(prefix)).findFirst().orElseThrow();
	}

	private static boolean has(Class<?> type, String name, Class<?> componentType) {
		return Arrays.stream(type.getRecordComponents())
			.map(RecordComponent.class::cast)
			.anyMatch((component) -> component.getName().equals(name) && component.getType() == componentType);
	}

}
