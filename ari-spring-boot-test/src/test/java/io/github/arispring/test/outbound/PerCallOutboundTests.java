package io.github.arispring.test.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;
import io.github.arispring.test.simulator.OutboundApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator plays Asterisk with a per-call {@code outbound_websocket}: one socket per
 * call, opened to the application's endpoint, closed a while after the call's StasisEnd.
 */
class PerCallOutboundTests {

	private static final int CALLS = 500;

	@Test
	void everyCallShouldBeHandledOnItsOwnSocketAndEverySocketClosed() {
		try (AriSimulator simulator = AriSimulator.create().start();
				OutboundTestApplication app = OutboundTestApplication.start("per-call")) {
			OutboundApplication perCall = simulator.perCallApplication("per-call-app", app.uri(), null, null,
					Duration.ofMillis(20));
			List<Call> calls = new ArrayList<>();
			for (int i = 0; i < CALLS; i++) {
				Call call = simulator.incomingCall("+1555" + i).into("per-call-app");
				calls.add(call);
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
					.until(() -> app.calls().started.containsKey(call.id()));
				call.hangUp();
			}
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> app.calls().ended.size() == CALLS);
			}
			catch (RuntimeException ex) {
				for (Call call : calls) {
					if (!app.calls().ended.contains(call.id())) {
						System.err.println("MISSING " + call.id() + " " + call.name() + " hungUp=" + call.hungUp());
						simulator.sentEvents().stream().filter((e) -> e.json().contains(call.id()))
							.forEach((e) -> System.err.println("  SENT " + e.application() + " " + e.type()));
					}
				}
			}
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(app.calls().ended).hasSize(CALLS);
				assertThat(perCall.openCount()).isZero();
				assertThat(app.connections().getActiveCount()).isZero();
			});
			assertThat(app.calls().duplicates).isEmpty();
			assertThat(new HashSet<>(app.calls().started.values())).as("one connection per call").hasSize(CALLS);
			assertThat(perCall.openedCount()).isEqualTo(CALLS);
			assertThat(app.meter("ari.outbound.connections.opened")).isEqualTo(CALLS);
			assertThat(app.meter("ari.outbound.connections.closed", "reason", "normal")).isEqualTo(CALLS);
			assertThat(app.meter("ari.outbound.connections.active")).isZero();
			assertThat(simulator.applications()).isEmpty();
		}
	}

	@Test
	void socketShouldCarryTheCredentialsAndBeRefusedWithoutThem() {
		try (AriSimulator simulator = AriSimulator.create().start();
				OutboundTestApplication app = OutboundTestApplication.start("credentials",
						"ari.outbound.username=asterisk", "ari.outbound.password=s3cret")) {
			OutboundApplication wrong = simulator.perCallApplication("per-call-app", app.uri(), "asterisk", "wrong",
					Duration.ofMillis(20));
			org.assertj.core.api.Assertions
				.assertThatIllegalStateException()
				.isThrownBy(() -> simulator.incomingCall("+15550").into("per-call-app"))
				.withMessageContaining("401");
			assertThat(wrong.refusedCount()).isEqualTo(1);
			simulator.perCallApplication("per-call-app", app.uri(), "asterisk", "s3cret", Duration.ofMillis(20));
			Call call = simulator.incomingCall("+15551").into("per-call-app");
			await().atMost(Duration.ofSeconds(10)).until(() -> app.calls().started.containsKey(call.id()));
			assertThat(app.meter("ari.outbound.connections.refused", "reason", "unauthorized")).isEqualTo(1);
		}
	}

}
