package io.github.arispring.test.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.arispring.outbound.AriOutboundConnection;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;
import io.github.arispring.test.simulator.OutboundApplication;
import io.github.arispring.test.simulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * REST calls of handlers whose events came over an outbound WebSocket go back over that
 * socket as {@code RESTRequest} frames, not over HTTP: the application has no {@code ari.url}
 * and the simulator's HTTP port sees no request.
 */
class OutboundRestTests {

	private static final int CALLS = 200;

	private static final List<String> OPERATIONS = List.of("channels.answer", "channels.play", "channels.hangup");

	@Test
	void perCallRestCallsShouldGoOverEachCallsOwnSocket() {
		try (AriSimulator simulator = AriSimulator.create().start();
				OutboundTestApplication app = OutboundTestApplication.start("rest-per-call")) {
			OutboundApplication perCall = simulator.perCallApplication("rest-app", app.uri(), null, null,
					Duration.ofMillis(20));
			List<Call> calls = new ArrayList<>();
			for (int i = 0; i < CALLS; i++) {
				calls.add(simulator.incomingCall("+1555" + i).into("rest-app"));
			}
			OutboundTestApplication.RestCalls handled = app.context.getBean(OutboundTestApplication.RestCalls.class);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(handled.failed).isEmpty();
				assertThat(handled.done).hasSize(CALLS);
			});
			for (Call call : calls) {
				assertThat(call.hungUp()).as("hung up by the application").isTrue();
				List<RecordedRequest> requests = requestsOf(simulator, call);
				assertThat(requests).extracting(RecordedRequest::operation).containsExactlyElementsOf(OPERATIONS);
				assertThat(requests).allSatisfy((request) -> {
					assertThat(request.webSocket()).as("the call's own socket").isEqualTo("rest-app:" + call.name());
					assertThat(request.status()).isLessThan(300);
				});
			}
			assertThat(simulator.requests()).as("requests over HTTP").noneMatch((request) -> !request.overWebSocket());
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(perCall.openCount()).isZero();
				assertThat(app.connections().getActiveCount()).isZero();
			});
			assertThat(perCall.openedCount()).isEqualTo(CALLS);
			assertThat(app.meter("ari.outbound.connections.closed", "reason", "normal")).isEqualTo(CALLS);
		}
	}

	@Test
	void persistentRestCallsShouldGoOverThePersistentSocket() {
		try (AriSimulator simulator = AriSimulator.create().start();
				OutboundTestApplication app = OutboundTestApplication.start("rest-persistent",
						"ari.outbound.persistent-applications=rest-persistent")) {
			try (OutboundApplication persistent = simulator.persistentApplication("rest-persistent", app.uri(), null,
					null, Duration.ofMillis(300))) {
				simulator.awaitApplication("rest-persistent", Duration.ofSeconds(10));
				AriOutboundConnection connection = await().atMost(Duration.ofSeconds(5))
					.until(() -> app.connections().forApplication("rest-persistent").orElse(null), (c) -> c != null);
				List<Call> calls = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					calls.add(simulator.incomingCall("+1555" + i).into("rest-persistent"));
				}
				OutboundTestApplication.RestCalls handled = app.context
					.getBean(OutboundTestApplication.RestCalls.class);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(handled.failed).isEmpty();
					assertThat(handled.done).hasSize(calls.size());
				});
				for (Call call : calls) {
					assertThat(call.hungUp()).isTrue();
					assertThat(requestsOf(simulator, call)).extracting(RecordedRequest::operation)
						.containsExactlyElementsOf(OPERATIONS);
				}
				assertThat(simulator.requests()).isNotEmpty()
					.allSatisfy((request) -> assertThat(request.webSocket()).isEqualTo("rest-persistent"));
				assertThat(persistent.openedCount()).isEqualTo(1);
				assertThat(connection.isOpen()).isTrue();
			}
		}
	}

	private static List<RecordedRequest> requestsOf(AriSimulator simulator, Call call) {
		return simulator.requests()
			.stream()
			.filter((request) -> request.path().startsWith("/ari/channels/" + call.id() + "/")
					|| request.path().equals("/ari/channels/" + call.id()))
			.toList();
	}

}
