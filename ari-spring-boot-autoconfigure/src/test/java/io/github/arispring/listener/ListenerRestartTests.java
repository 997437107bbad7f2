package io.github.arispring.listener;

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

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.autoconfigure.health.AriHealthContributorAutoConfiguration;
import io.github.arispring.autoconfigure.metrics.AriMetricsAutoConfiguration;
import io.github.arispring.event.AriEvent;
import io.github.arispring.health.AriHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping and starting the listener while events flow, against a server that is slow to
 * close: one socket at a time, and the state of the new session is not touched by the end
 * of the old one.
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
		// answers close frames late, but within the listener's grace period
		this.asterisk.delayClose(Duration.ofMillis(700));
		this.contextRunner.run((context) -> {
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
				await().atMost(Duration.ofSeconds(10)).until(container::isConnected);
				await().atMost(Duration.ofSeconds(5)).until(() -> this.asterisk.openConnections() == 1);
				int attempts = this.asterisk.attempts();
				int events = handlers.count.get();
				// longer than the grace period after which an old socket is cut off
				sleep(2500);
				assertThat(container.isConnected()).isTrue();
				assertThat(this.asterisk.attempts()).as("connection attempts").isEqualTo(attempts);
				assertThat(this.asterisk.openConnections()).isOne();
				assertThat(this.asterisk.mostConnections()).as("sockets open at once").isOne();
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
	void socketNotClosingWithinTheGracePeriodShouldBeCutOffAndTheNewOneKept() throws Exception {
		// never answers close frames: the listener cuts the socket off after its grace period
		this.asterisk.delayClose(Duration.ofMinutes(10));
		this.contextRunner.run((context) -> {
			AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
			Handlers handlers = context.getBean(Handlers.class);
			await().atMost(Duration.ofSeconds(5)).until(container::isConnected);
			container.stop();
			container.start();
			assertThat(container.isConnected()).as("connected while the old socket closes").isTrue();
			await().atMost(Duration.ofSeconds(5)).until(() -> handlers.reconnects.get() == 1);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.asterisk.openConnections() == 1);
			int attempts = this.asterisk.attempts();
			sleep(2500);
			assertThat(container.isConnected()).isTrue();
			assertThat(this.asterisk.attempts()).isEqualTo(attempts);
			assertThat(handlers.disconnects).containsExactly("stopped");
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
