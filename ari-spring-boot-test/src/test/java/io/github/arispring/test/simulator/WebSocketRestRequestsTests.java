package io.github.arispring.test.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator answers RESTRequest frames on its events WebSocket as the recorded Asterisk did:
 * every request of {@code ari-samples/rest-over-websocket/sent.jsonl} is sent as recorded, in
 * the recorded order, and gets the recorded answer.
 */
class WebSocketRestRequestsTests extends AbstractSimulatorTests {

	/** The channel the recorded originate created; the simulator gives its own id. */
	private static final String RECORDED_CHANNEL = "1795836649.45";

	@Test
	void recordedRequestsShouldGetTheRecordedAnswers() {
		List<JsonNode> sent = lines("sent.jsonl");
		assertThat(sent).hasSize(15);
		try (EventStream ws = EventStream.connect(this.simulator, "rows-app");
				EventStream ro = EventStream.connectWithAuthorization(this.simulator,
						EventStream.basic("readonly", "readonly"), "rows-ro")) {
			String channel = null;
			for (JsonNode request : sent) {
				String label = request.get("label").asString();
				JsonNode received = sample(label).get("received");
				EventStream socket = "ro".equals(request.get("socket").asString()) ? ro : ws;
				String text = request.get("text").asString();
				socket.send((channel != null) ? text.replace(RECORDED_CHANNEL, channel) : text);
				List<String> before = new ArrayList<>();
				JsonNode answer = socket.next();
				while (!"RESTResponse".equals(answer.path("type").asString())) {
					before.add(answer.path("type").asString());
					answer = socket.next();
				}
				assertAnswers(label, answer, received, channel);
				if (label.equals("success-originate-query-strings")) {
					channel = EventStream.JSON.readTree(answer.get("message_body").asString()).get("id").asString();
					// As recorded, the next requests come once the channel is in the application.
					if (!before.contains("StasisStart")) {
						socket.skipTo("StasisStart");
					}
				}
			}
		}
		assertThat(this.simulator.requests()).filteredOn((request) -> "channels.originate".equals(request.operation()))
			.first()
			.satisfies((request) -> {
				assertThat(request.path()).isEqualTo("/ari/channels");
				assertThat(request.queryParam("endpoint")).isEqualTo("Local/100@from-test");
				assertThat(request.status()).isEqualTo(200);
				assertThat(request.overWebSocket()).isTrue();
			});
		assertThat(this.simulator.requests()).filteredOn((request) -> "events.eventWebsocket".equals(request.operation()))
			.isNotEmpty()
			.noneMatch(RecordedRequest::overWebSocket);
	}

	private void assertAnswers(String label, JsonNode answer, JsonNode received, String channel) {
		assertThat(names(answer)).as("keys of the answer to %s, in order", label).isEqualTo(names(received));
		for (String key : List.of("type", "transaction_id", "request_id", "status_code", "reason_phrase", "uri",
				"content_type", "application", "asterisk_id")) {
			String expected = received.path(key).asString(null);
			if (expected != null && channel != null) {
				expected = expected.replace(RECORDED_CHANNEL, channel);
			}
			assertThat(answer.path(key).asString(null)).as("%s of the answer to %s", key, label).isEqualTo(expected);
		}
		if (received.has("message_body")) {
			JsonNode body = EventStream.JSON.readTree(answer.get("message_body").asString());
			JsonNode expected = EventStream.JSON.readTree(received.get("message_body").asString());
			if (label.equals("success-originate-query-strings")) {
				// A new channel: its id, name and time are the simulator's own.
				assertThat(names(body)).isEqualTo(names(expected));
				assertThat(body.get("dialplan")).isEqualTo(expected.get("dialplan"));
			}
			else {
				assertThat(body).as("body of the answer to %s", label).isEqualTo(expected);
			}
		}
	}

	private static List<String> names(JsonNode json) {
		return new ArrayList<>(json.propertyNames());
	}

	private static JsonNode sample(String label) {
		return EventStream.JSON.readTree(read(label + ".json"));
	}

	private static List<JsonNode> lines(String name) {
		return read(name).lines().filter((line) -> !line.isBlank()).map(EventStream.JSON::readTree).toList();
	}

	private static String read(String name) {
		try (InputStream in = WebSocketRestRequestsTests.class
			.getResourceAsStream("/ari-samples/rest-over-websocket/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
