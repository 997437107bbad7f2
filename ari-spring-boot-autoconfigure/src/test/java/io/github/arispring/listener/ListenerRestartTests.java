package io.github.arispring.listener;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.client.WebSocketClient;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.autoconfigure.AriConnectionDetails;
import io.github.arispring.autoconfigure.health.AriHealthContributorAutoConfiguration;
import io.github.arispring.autoconfigure.metrics.AriMetricsAutoConfiguration;
import io.github.arispring.event.AriEvent;
import io.github.arispring.health.AriHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping and starting the listener while events flow, with connections whose end is
 * signalled late (as when the close handshake or the socket is slow): one socket at a time,
 * and the state of the new session is not touched by the end of the old one.
 */
class ListenerRestartTests {

	private final FakeAsterisk asterisk = new FakeAsterisk();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startAsterisk() {
		this.asterisk.start();
		this.contextRunner = this.asterisk
			.contextRunner(AriMetricsAutoConfiguration.class, AriHealthContributorAutoConfiguration.class)
			.withUserConfiguration(Handlers.class)
			.withPropertyValues("ari.applications=flow3");
	}

	@AfterEach
	void stopAsterisk() {
		this.asterisk.stop();
	}

	@Test
	void quickRestartsUnderLoadShouldLeaveOneConnectedSession() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/3-dtmf-received.jsonl");
		// each connection's end reaches the listener late, but within its grace period
		this.contextRunner.withUserConfiguration(LateEnding.class)
			.withPropertyValues("test.late-end=700ms")
			.run((context) -> {
			AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
			Handlers handlers = context.getBean(Handlers.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			AriHealthIndicator health = context.getBean(AriHealthIndicator.class);
			await().atMost(Duration.ofSeconds(5)).until(container::isConnected);
			AtomicBoolean flowing = new AtomicBoolean(true);
			Thread sender = new Thread(() -> {
				while (flowing.get()) {
					this.asterisk.send(frames);
					sleep(5);
				}
			});
			sender.start();
			try {
				// stop and start again: at once, while the old socket closes, after it closed
				for (long pause : new long[] { 0, 100, 900, 0, 50, 1200, 0 }) {
					container.stop();
					container.start();
					sleep(pause);
				}
				await().atMost(Duration.ofSeconds(10))
					.until(() -> container.isConnected() && this.asterisk.openConnections() == 1);
				int attempts = this.asterisk.attempts();
				int events = handlers.count.get();
				// longer than the grace period after which an old connection is cut off
				await().during(Duration.ofMillis(2500))
					.atMost(Duration.ofSeconds(5))
					.until(() -> container.isConnected() && this.asterisk.openConnections() == 1);
				assertThat(this.asterisk.attempts()).as("connection attempts").isEqualTo(attempts);
				assertThat(handlers.count.get()).as("events still arriving").isGreaterThan(events);
				assertThat(meters.get("ari.websocket.connected").gauge().value()).isEqualTo(1.0);
				assertThat(health.health().block(Duration.ofSeconds(5)).getStatus()).isEqualTo(Status.UP);
			}
			finally {
				flowing.set(false);
				sender.join();
			}
			// the listener still reconnects when the server closes the new session
			int reconnects = handlers.reconnects.get();
			this.asterisk.closeConnections();
			await().atMost(Duration.ofSeconds(5)).until(() -> handlers.reconnects.get() > reconnects);
			await().atMost(Duration.ofSeconds(5)).until(container::isConnected);
			assertThat(handlers.disconnects).last().isEqualTo("closed by Asterisk");
			int count = handlers.count.get();
			this.asterisk.send(frames);
			await().atMost(Duration.ofSeconds(5)).until(() -> handlers.count.get() == count + frames.size());
		});
	}

	@Test
	void connectionNotEndingWithinTheGracePeriodShouldBeCutOffAndTheNewOneKept() throws Exception {
		// the end of a connection never reaches the listener: it cuts it off after its grace period
		this.contextRunner.withUserConfiguration(LateEnding.class)
			.withPropertyValues("test.late-end=1h")
			.run((context) -> {
				AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
				Handlers handlers = context.getBean(Handlers.class);
				await().atMost(Duration.ofSeconds(5)).until(container::isConnected);
				long stopped = System.nanoTime();
				container.stop();
				container.start();
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.reconnects.get() == 1);
				assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
				assertThat(handlers.disconnects).containsExactly("stopped");
				int attempts = this.asterisk.attempts();
				await().during(Duration.ofMillis(2500))
					.atMost(Duration.ofSeconds(5))
					.until(() -> container.isConnected() && this.asterisk.openConnections() == 1);
				assertThat(this.asterisk.attempts()).isEqualTo(attempts);
			});
	}

	@Test
	void restartWhileTheUpgradeIsUnansweredShouldConnectOnce() throws Exception {
		this.asterisk.answerUpgrade(FakeAsterisk.Upgrade.IGNORE);
		this.contextRunner.run((context) -> {
			AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.asterisk.attempts() == 1);
			container.stop();
			this.asterisk.answerUpgrade(FakeAsterisk.Upgrade.ACCEPT);
			container.start();
			await().atMost(Duration.ofSeconds(5)).until(container::isConnected);
			sleep(500);
			assertThat(this.asterisk.attempts()).isEqualTo(2);
			assertThat(this.asterisk.openConnections()).isOne();
			assertThat(container.isConnected()).isTrue();
		});
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The listener over a client that signals the end of each connection late.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LateEnding {

		@Bean
		AriEventListenerContainer ariEventListenerContainer(AriConnectionDetails connectionDetails,
				AriEventDispatcher dispatcher, ObjectProvider<AriListenerMetrics> metrics,
				@Value("${test.late-end}") String late) {
			Duration lateEnd = DurationStyle.detectAndParse(late);
			AriWebSocketClient client = new AriWebSocketClient(HttpClient.newConnection(), 65536, Duration.ofSeconds(5));
			WebSocketClient lateEnding = new WebSocketClient() {

				@Override
				public Mono<Void> execute(URI url, WebSocketHandler handler) {
					return execute(url, new HttpHeaders(), handler);
				}

				@Override
				public Mono<Void> execute(URI url, HttpHeaders headers, WebSocketHandler handler) {
					return client.execute(url, headers, handler).materialize().delayElement(lateEnd).dematerialize();
				}

			};
			AriEventListenerContainer container = new AriEventListenerContainer(lateEnding, connectionDetails.getEventsUri(),
					connectionDetails.getUsername(), connectionDetails.getPassword(), List.of("flow3"), false,
					dispatcher);
			container.setMetrics(metrics.getIfAvailable(() -> AriListenerMetrics.NONE));
			container.setReconnect(Duration.ofMillis(50), Duration.ofMillis(400), 2.0, 0.5);
			return container;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		final AtomicInteger count = new AtomicInteger();

		final AtomicInteger reconnects = new AtomicInteger();

		final List<String> disconnects = new CopyOnWriteArrayList<>();

		@StasisEventHandler
		void count(AriEvent event) {
			this.count.incrementAndGet();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ApplicationListener<AriConnectedEvent> connected() {
			return (event) -> {
				if (event.isReconnect()) {
					this.reconnects.incrementAndGet();
				}
			};
		}

		@Bean
		ApplicationListener<AriDisconnectedEvent> disconnected() {
			return (event) -> this.disconnects.add(event.getReason());
		}

	}

}
