package io.github.arispring.test.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.BridgeCreateParams;
import io.github.arispring.client.ChannelOriginateParams;
import io.github.arispring.model.Bridge;
import io.github.arispring.model.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares every frame the simulator sends in a scenario that raises each event type it knows
 * with the real frames of that type recorded from Asterisk 23.4.1 ({@code ari-samples/events},
 * including the structural variants): the same keys in the same order, at the top and in nested
 * channels, bridges, playbacks and recordings, the same JSON types, and the same value formats
 * (time stamps, ids, channel names).
 */
class EventFidelityTests {

	/** What a value looks like in the samples, and so must look like in the simulator's frames. */
	private static final Map<String, Pattern> FORMATS = Map.of(
			"time stamp", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}"),
			"channel id", Pattern.compile("\\d{10}\\.\\d+"),
			"uuid", Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
			"channel name", Pattern.compile("[A-Za-z0-9]+/[^;]+-[0-9a-f]{8}(;[12])?"),
			"entity id", Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}"),
			"target uri", Pattern.compile("(channel|bridge):.+"));

	private static final List<String> EMITTED = List.of("ApplicationMoveFailed", "ApplicationReplaced",
			"BridgeCreated", "BridgeDestroyed", "ChannelCreated", "ChannelDestroyed", "ChannelDialplan",
			"ChannelDtmfReceived", "ChannelEnteredBridge", "ChannelHangupRequest", "ChannelLeftBridge",
			"ChannelStateChange", "ChannelVarset", "Dial", "PlaybackContinuing", "PlaybackFinished", "PlaybackStarted",
			"RecordingFailed", "RecordingFinished", "RecordingStarted", "StasisEnd", "StasisStart");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void everyFrameHasTheShapeAndFormatsOfARealOne() {
		List<String> frames = framesOfAScenarioWithEveryEventType();
		Map<String, List<JsonNode>> byType = new LinkedHashMap<>();
		for (String frame : frames) {
			JsonNode node = EventStream.JSON.readTree(frame);
			byType.computeIfAbsent(node.path("type").asString(), (type) -> new ArrayList<>()).add(node);
		}
		assertThat(new TreeSet<>(byType.keySet())).containsExactlyElementsOf(EMITTED);
		byType.forEach((type, nodes) -> {
			List<JsonNode> samples = samples(type);
			for (JsonNode node : nodes) {
				String shape = shape(node);
				JsonNode sample = samples.stream().filter((candidate) -> shape(candidate).equals(shape)).findFirst()
					.orElse(null);
				assertThat(sample).as("a recorded %s with the shape of %s; recorded shapes: %s", type, node,
						samples.stream().map(EventFidelityTests::shape).toList()).isNotNull();
				assertFormats(type, "", sample, node);
			}
		});
	}

	/** Every frame of one subscribeAll WebSocket during a scenario that raises every type. */
	private List<String> framesOfAScenarioWithEveryEventType() {
		try (AriSimulator simulator = AriSimulator.create().start();
				EventStream events = EventStream.connectWithQuery(simulator, "app=fidelity&subscribeAll=true",
						"fidelity")) {
			AriClient client = RawHttp.ari(simulator);
			Call caller = simulator.incomingCall("+15551234").into("fidelity");
			client.channels().answer(caller.id());
			client.channels().play(caller.id(), List.of("sound:hello-world", "sound:beep"));
			caller.awaitMediaPlayed("sound:beep", TIMEOUT);
			caller.pressDigits("1");
			client.channels().setChannelVar(caller.id(), "CHOICE", "1", null);
			Channel agent = client.channels()
				.originate("Local/100@default", ChannelOriginateParams.builder().app("fidelity").appArgs("agent").build());
			simulator.call(agent.id()).await(Call::inStasis, "in Stasis", TIMEOUT);
			Channel staged = client.channels().create("PJSIP/bob", "fidelity");
			client.channels().dial(staged.id());
			simulator.call(staged.id()).awaitAnswered(TIMEOUT);
			Bridge bridge = client.bridges().create(BridgeCreateParams.builder().type("mixing").name("fidelity").build());
			client.bridges().addChannel(bridge.id(), List.of(caller.id(), agent.id()), null);
			client.channels().record(caller.id(), "in-bridge", "wav");
			client.bridges().removeChannel(bridge.id(), List.of(agent.id()));
			client.bridges().record(bridge.id(), "bridge", "wav");
			client.recordings().stop("bridge");
			client.bridges().destroy(bridge.id());
			client.channels().move(caller.id(), "nowhere");
			client.channels().hangup(agent.id());
			caller.hangUp();
			try (EventStream replacing = EventStream.connect(simulator, "fidelity")) {
				List<String> frames = new ArrayList<>();
				String frame;
				do {
					frame = events.nextRaw();
					frames.add(frame);
				}
				while (!frame.contains("\"ApplicationReplaced\""));
				return frames;
			}
		}
	}

	/**
	 * The structure of a value: keys in order with the structure of their values, the structure
	 * of an array's first element, or the JSON type.
	 */
	private static String shape(JsonNode node) {
		if (node.isObject()) {
			return node.properties().stream().map((entry) -> entry.getKey() + ":" + shape(entry.getValue()))
				.collect(Collectors.joining(",", "{", "}"));
		}
		if (node.isArray()) {
			return node.isEmpty() ? "[]" : "[" + shape(node.get(0)) + "]";
		}
		return node.getNodeType().name().toLowerCase();
	}

	/** A value whose recorded counterpart has a known format must have it too. */
	private static void assertFormats(String type, String path, JsonNode sample, JsonNode actual) {
		if (sample.isObject()) {
			sample.properties().forEach((entry) -> assertFormats(type, path + "." + entry.getKey(), entry.getValue(),
					actual.path(entry.getKey())));
		}
		else if (sample.isArray() && !sample.isEmpty() && !actual.isEmpty()) {
			assertFormats(type, path + "[0]", sample.get(0), actual.get(0));
		}
		else if (sample.isString()) {
			FORMATS.forEach((format, pattern) -> {
				if (pattern.matcher(sample.asString()).matches()) {
					assertThat(actual.asString()).as("%s of %s, a %s like %s", path, type, format, sample.asString())
						.matches(pattern);
				}
			});
		}
	}

	/** The recorded example of a type and its structural variants. */
	private static List<JsonNode> samples(String type) {
		List<JsonNode> samples = new ArrayList<>();
		samples.add(read(resource("/ari-samples/events/" + type + ".json")));
		URL variants = EventFidelityTests.class.getResource("/ari-samples/events/variants/" + type);
		if (variants != null) {
			try (Stream<Path> files = Files.list(Path.of(variants.toURI()))) {
				files.sorted().forEach((file) -> samples.add(read(file)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return samples;
	}

	private static Path resource(String name) {
		try {
			return Path.of(EventFidelityTests.class.getResource(name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode read(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return EventStream.JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
