package io.github.arispring.test.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.BridgeCreateParams;
import io.github.arispring.client.ChannelOriginateParams;
import io.github.arispring.model.AriDateTime;
import io.github.arispring.model.Bridge;
import io.github.arispring.model.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The scenario API, with the test playing the application through the real client.
 */
class ScenarioApiTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void anIvrScenario() {
		try (AriSimulator simulator = AriSimulator.create().start();
				EventStream events = EventStream.connect(simulator, "ivr")) {
			AriClient app = RawHttp.ari(simulator);
			Call call = simulator.incomingCall("+15551234").callerName("Alice").withArgs("sales", "fr").into("ivr");
			assertThat(call.state()).isEqualTo("Ring");
			assertThat(call.args()).containsExactly("sales", "fr");
			assertThat(call.application()).isEqualTo("ivr");
			assertThat(call.snapshot().caller().name()).isEqualTo("Alice");
			JsonNode start = events.next("StasisStart");
			app.channels().answer(start.path("channel").path("id").asString());
			app.channels().play(call.id(), List.of("sound:welcome", "sound:menu"));
			call.awaitAnswered(TIMEOUT).awaitState("Up", TIMEOUT).awaitMediaPlayed("sound:menu", TIMEOUT);
			call.pressDigits("2#");
			assertThat(events.skipTo("ChannelDtmfReceived").path("digit").asString()).isEqualTo("2");
			assertThat(events.next("ChannelDtmfReceived").path("digit").asString()).isEqualTo("#");

			Channel agent = app.channels()
				.originate("PJSIP/agent", ChannelOriginateParams.builder().app("ivr").appArgs("agent").build());
			Call agentCall = simulator.awaitOriginated("PJSIP/agent", TIMEOUT).await(Call::inStasis, "in Stasis", TIMEOUT);
			assertThat(agentCall.id()).isEqualTo(agent.id());
			assertThat(agentCall.endpoint()).isEqualTo("PJSIP/agent");
			Bridge bridge = app.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			app.bridges().addChannel(bridge.id(), List.of(call.id(), agent.id()), null);
			call.awaitBridgedWith(agent.id(), TIMEOUT);
			assertThat(call.bridgeId()).contains(bridge.id());
			assertThat(agentCall.bridgedWith()).containsExactly(call.id());

			call.hangUp();
			call.awaitHangup(TIMEOUT);
			assertThat(call.hungUp()).isTrue();
			assertThat(call.hangupCause()).isEqualTo(16);
			assertThat(call.mediaPlayed()).containsExactly("sound:welcome", "sound:menu");
			assertThat(simulator.requests()).extracting(RecordedRequest::operation)
				.containsSubsequence("events.eventWebsocket", "channels.answer", "channels.play", "channels.originate",
						"bridges.create", "bridges.addChannel");
			assertThat(simulator.sentEvents()).extracting(SentEvent::type).contains("StasisStart", "ChannelEnteredBridge");
			assertThat(simulator.calls()).extracting(Call::id).containsExactly(call.id(), agent.id());
			assertThat(call.toString()).contains(call.id(), "hung up");
		}
	}

	@Test
	void awaitingWhatDoesNotHappenFailsTheTest() {
		try (AriSimulator simulator = AriSimulator.create().start();
				EventStream events = EventStream.connect(simulator, "idle")) {
			Call call = simulator.incomingCall("1").into("idle");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> call.awaitAnswered(Duration.ofMillis(100)))
				.withMessageContaining("was not answered within PT0.1S");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> simulator.awaitOriginated("PJSIP/nobody", Duration.ofMillis(50)));
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> simulator.awaitApplication("other", Duration.ofMillis(50)));
		}
	}

	@Test
	void intoWaitsForTheApplicationToConnect() throws Exception {
		try (AriSimulator simulator = AriSimulator.create().start()) {
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<Call> call = executor.submit(() -> simulator.incomingCall("1").into("late"));
				Thread.sleep(200);
				try (EventStream events = EventStream.connect(simulator, "late")) {
					assertThat(call.get().inStasis()).isTrue();
					events.next("StasisStart");
				}
			}
			finally {
				executor.shutdownNow();
			}
		}
		try (AriSimulator simulator = AriSimulator.builder().applicationTimeout(Duration.ofMillis(100)).start()) {
			assertThatIllegalStateException().isThrownBy(() -> simulator.incomingCall("1").into("absent"))
				.withMessageContaining("'absent'");
		}
	}

	@Test
	void digitsAreCheckedAndCanBeSpaced() {
		try (AriSimulator simulator = AriSimulator.builder().dtmf(250, Duration.ofMillis(100)).start();
				EventStream events = EventStream.connect(simulator, "keys")) {
			Call call = simulator.incomingCall("1").into("keys");
			events.next("StasisStart");
			assertThatIllegalArgumentException().isThrownBy(() -> call.pressDigits("1x"));
			Instant before = Instant.now();
			call.pressDigits("12");
			assertThat(events.next("ChannelDtmfReceived").path("duration_ms").asInt()).isEqualTo(250);
			events.next("ChannelDtmfReceived");
			assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
			call.hangUp();
			call.hangUp();
			assertThatIllegalStateException().isThrownBy(() -> call.pressDigits("1"));
		}
	}

	@Test
	void mediaDurationsAreConfigurable() {
		try (AriSimulator simulator = AriSimulator.builder()
			.mediaDuration((uri) -> uri.equals("sound:long") ? Duration.ofMillis(400) : Duration.ofMillis(10))
			.start(); EventStream events = EventStream.connect(simulator, "timing")) {
			AriClient app = RawHttp.ari(simulator);
			Call call = simulator.incomingCall("1").into("timing");
			app.channels().answer(call.id());
			app.channels().play(call.id(), List.of("sound:long"));
			JsonNode started = events.skipTo("PlaybackStarted");
			JsonNode finished = events.next("PlaybackFinished");
			long millis = Duration.between(
					AriDateTime.parse(started.path("timestamp").asString()),
					AriDateTime.parse(finished.path("timestamp").asString()))
				.toMillis();
			assertThat(millis).isBetween(350L, 3000L);
		}
	}

	@Test
	void resetForgetsEverythingButTheSockets() {
		try (AriSimulator simulator = AriSimulator.create().start();
				EventStream events = EventStream.connect(simulator, "reset")) {
			Call call = simulator.incomingCall("1").into("reset");
			simulator.reset();
			assertThat(simulator.calls()).isEmpty();
			assertThat(simulator.requests()).isEmpty();
			assertThat(simulator.sentEvents()).isEmpty();
			assertThat(RawHttp.ari(simulator).channels().list()).isEmpty();
			assertThat(simulator.applications()).containsExactly("reset");
			assertThatIllegalArgumentException().isThrownBy(() -> simulator.call(call.id()));
		}
	}

	@Test
	void concurrentCallsKeepTheirOwnOrder() throws Exception {
		int threads = 4;
		int callsPerThread = 25;
		try (AriSimulator simulator = AriSimulator.create().start();
				EventStream events = EventStream.connect(simulator, "busy")) {
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<List<String>>> futures = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					futures.add(executor.submit(() -> {
						List<String> ids = new ArrayList<>();
						for (int i = 0; i < callsPerThread; i++) {
							Call call = simulator.incomingCall("1").into("busy");
							call.pressDigits("5");
							call.hangUp();
							ids.add(call.id());
						}
						return ids;
					}));
				}
				Set<String> ids = new HashSet<>();
				for (Future<List<String>> future : futures) {
					ids.addAll(future.get());
				}
				assertThat(ids).hasSize(threads * callsPerThread);
			}
			finally {
				executor.shutdownNow();
			}
			// Each call's frames arrive in its own order, whatever the interleaving.
			Map<String, List<String>> byChannel = new HashMap<>();
			for (int i = 0; i < threads * callsPerThread * 4; i++) {
				JsonNode frame = events.next();
				byChannel.computeIfAbsent(frame.path("channel").path("id").asString(), (id) -> new ArrayList<>())
					.add(frame.path("type").asString());
			}
			assertThat(byChannel).hasSize(threads * callsPerThread)
				.allSatisfy((id, types) -> assertThat(types).containsExactly("StasisStart", "ChannelDtmfReceived",
						"ChannelHangupRequest", "StasisEnd"));
		}
	}

	@Test
	void lifecycle() {
		AriSimulator simulator = AriSimulator.create();
		assertThat(simulator.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(simulator::port);
		simulator.start();
		assertThat(simulator.start()).isSameAs(simulator);
		assertThat(simulator.baseUri().toString()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/ari");
		assertThat(simulator.eventsUri().toString()).isEqualTo("ws://127.0.0.1:" + simulator.port() + "/ari/events");
		simulator.close();
		assertThat(simulator.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(simulator::start);
	}

}
