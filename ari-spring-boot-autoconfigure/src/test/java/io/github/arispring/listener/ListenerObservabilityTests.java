package io.github.arispring.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.autoconfigure.health.AriHealthContributorAutoConfiguration;
import io.github.arispring.autoconfigure.metrics.AriMetricsAutoConfiguration;
import io.github.arispring.event.ChannelStateChange;
import io.github.arispring.health.AriHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meters, observations and health of a listener receiving recorded frames over a real
 * WebSocket.
 */
class ListenerObservabilityTests {

	private final FakeAsterisk asterisk = new FakeAsterisk();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startAsterisk() {
		this.asterisk.start();
		this.contextRunner = this.asterisk
			.contextRunner(AriMetricsAutoConfiguration.class, AriHealthContributorAutoConfiguration.class)
			.withUserConfiguration(Registries.class)
			.withPropertyValues("ari.applications=hello-world");
	}

	@AfterEach
	void stopAsterisk() {
		this.asterisk.stop();
	}

	@Test
	void replayedFlowShouldBeCountedAndObserved() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/1-inbound-answer-play-hangup.jsonl");
		this.contextRunner.withUserConfiguration(Handlers.class).run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			Handlers handlers = context.getBean(Handlers.class);
			assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> meters.get("ari.websocket.connected").gauge().value() == 1.0);
			this.asterisk.send(frames);
			await().atMost(Duration.ofSeconds(5)).until(() -> handlers.calls.get() == frames.size() + 1);
			AriEventDispatcher dispatcher = context.getBean(AriEventDispatcher.class);
			assertThat(dispatcher.awaitIdle(Duration.ofSeconds(5))).isTrue();

			// StasisStart, ChannelStateChange, PlaybackStarted, PlaybackFinished, ChannelHangupRequest, StasisEnd
			for (String type : List.of("StasisStart", "ChannelStateChange", "PlaybackStarted", "PlaybackFinished",
					"ChannelHangupRequest", "StasisEnd")) {
				assertThat(meters.get("ari.events.received").tags("type", type, "application", "hello-world")
					.counter()
					.count()).as(type).isEqualTo(1.0);
			}
			assertThat(meters.get("ari.events.failed")
				.tags("type", "ChannelStateChange", "handler", "Handlers.failOnStateChange")
				.counter()
				.count()).isEqualTo(1.0);
			assertThat(meters.find("ari.events.dropped").counters()).isEmpty();

			TestObservationRegistryAssert.assertThat(observations)
				.hasNumberOfObservationsWithNameEqualTo("ari.event.process", frames.size() + 1);
			TestObservationRegistryAssert.assertThat(observations)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("ari.event.process")
					.hasLowCardinalityKeyValue("ari.event.type", "StasisStart")
					.hasLowCardinalityKeyValue("ari.application", "hello-world")
					.hasLowCardinalityKeyValue("ari.handler", "Handlers.count")
					.hasLowCardinalityKeyValue("outcome", "SUCCESS")
					.hasHighCardinalityKeyValue("ari.channel.id", "1795836578.1"));
			TestObservationRegistryAssert.assertThat(observations)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("ari.event.process")
					.hasLowCardinalityKeyValue("ari.event.type", "PlaybackFinished")
					.hasHighCardinalityKeyValue("ari.channel.id", "1795836578.1"));
			TestObservationRegistryAssert.assertThat(observations)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("ari.event.process")
					.hasLowCardinalityKeyValue("ari.handler", "Handlers.failOnStateChange")
					.hasLowCardinalityKeyValue("outcome", "ERROR")
					.assertThatError()
					.hasMessage("state change refused"));
		});
	}

	@Test
	void healthShouldFollowTheWebSocket() throws Exception {
		this.contextRunner.run((context) -> {
			AriHealthIndicator health = context.getBean(AriHealthIndicator.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> status(health) == Status.UP);
			assertThat(health.health().block(Duration.ofSeconds(5)).getDetails())
				.containsEntry("version", "23.4.1")
				.containsEntry("entityId", "02:fc:00:00:00:01");

			int port = this.asterisk.port();
			this.asterisk.stop();
			await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("ari.websocket.connected").gauge().value() == 0);
			assertThat(status(health)).isEqualTo(Status.DOWN);
			Health down = health.health().block(Duration.ofSeconds(5));
			assertThat((String) down.getDetails().get("reason")).isNotBlank();

			this.asterisk.start(port);
			await().atMost(Duration.ofSeconds(10)).until(() -> status(health) == Status.UP);
			assertThat(meters.get("ari.websocket.reconnects").counter().count()).isGreaterThanOrEqualTo(1.0);
			assertThat(meters.get("ari.websocket.connected").gauge().value()).isEqualTo(1.0);
		});
	}

	private static Status status(AriHealthIndicator health) {
		return health.health().block(Duration.ofSeconds(5)).getStatus();
	}

	@Configuration(proxyBeanMethods = false)
	static class Registries {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		final AtomicInteger calls = new AtomicInteger();

		@StasisEventHandler
		void count(io.github.arispring.event.AriEvent event) {
			this.calls.incrementAndGet();
		}

		@StasisEventHandler
		void failOnStateChange(ChannelStateChange event) {
			this.calls.incrementAndGet();
			throw new IllegalStateException("state change refused");
		}

	}

}
