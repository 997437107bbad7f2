package io.github.arispring.test.outbound;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.arispring.health.AriHealthIndicator;
import io.github.arispring.outbound.AriOutboundConnection;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;
import io.github.arispring.test.simulator.OutboundApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator plays Asterisk with a persistent {@code outbound_websocket}: one socket for the
 * application, reopened about a second after it drops; health follows.
 */
class PersistentOutboundTests {

	@Test
	void persistentSocketShouldCarryCallsReconnectAfterADropAndShowInHealth() {
		try (AriSimulator simulator = AriSimulator.create().start();
				OutboundTestApplication app = OutboundTestApplication.start("persistent",
						"ari.outbound.persistent-applications=outbound-app",
						"ari.outbound.persistent-grace-period=200ms", "management.health.ari.enabled=true")) {
			AriHealthIndicator health = app.context.getBean(AriHealthIndicator.class);
			OutboundApplication outbound = simulator.persistentApplication("outbound-app", app.uri(), null, null,
					Duration.ofMillis(300));
			simulator.awaitApplication("outbound-app", Duration.ofSeconds(10));
			AriOutboundConnection first = await().atMost(Duration.ofSeconds(5))
				.until(() -> app.connections().forApplication("outbound-app").orElse(null), (c) -> c != null);
			assertThat(first.isPerCall()).isFalse();
			assertThat(health(health).getStatus()).isEqualTo(Status.UP);
			Call call = simulator.incomingCall("+15551").into("outbound-app");
			await().atMost(Duration.ofSeconds(5)).until(() -> app.calls().started.containsKey(call.id()));
			assertThat(app.calls().started.get(call.id())).isEqualTo(first.source().name());
			call.hangUp();
			await().atMost(Duration.ofSeconds(5)).until(() -> app.calls().ended.contains(call.id()));
			assertThat(health(health).getStatus()).isEqualTo(Status.UP);

			// The application drops the socket; the simulator reconnects like Asterisk.
			first.close().block(Duration.ofSeconds(5));
			AriOutboundConnection second = await().atMost(Duration.ofSeconds(10))
				.until(() -> app.connections().forApplication("outbound-app").orElse(null),
						(c) -> c != null && c != first);
			assertThat(outbound.openedCount()).isEqualTo(2);
			Call next = simulator.incomingCall("+15552").into("outbound-app");
			await().atMost(Duration.ofSeconds(5)).until(() -> app.calls().started.containsKey(next.id()));
			assertThat(app.calls().started.get(next.id())).isEqualTo(second.source().name());

			// Asterisk goes away and does not come back: health goes DOWN after the grace period.
			outbound.close();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				Health down = health(health);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) down.getDetails().get("reason")).contains("outbound-app");
			});
			assertThat(app.meter("ari.outbound.connections.closed", "reason", "closed")).isEqualTo(1);
		}
	}

	private static Health health(AriHealthIndicator indicator) {
		return indicator.health(true).block(Duration.ofSeconds(5));
	}

}
