package io.github.arispring.test.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.BridgeCreateParams;
import io.github.arispring.client.ChannelOriginateParams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every request of the recorded error answers ({@code ari-samples/rest/errors}) against
 * the simulator, set up with the same ids, and expects the very same answer: status, reason
 * phrase, body and the telling headers. Where the simulator does not implement the operation, it
 * must say so with 501 rather than invent an answer.
 */
class RealErrorAnswersTests {

	/** Recorded errors of operations the simulator does not implement. */
	private static final Set<String> NOT_SIMULATED = Set.of("400-addlog-missing-configuration",
			"400-userevent-missing-application", "403-rtp-statistics-iax2", "403-rtpstatistics",
			"404-config-class-not-found", "404-config-object-not-found",
			"404-config-type-not-found", "404-deletelog-not-found", "404-endpoint-not-found",
			"404-endpoint-sendmessage-no-message-tech", "404-endpoints-get-local", "404-endpoints-listByTech-local",
			"404-mailbox-not-found", "404-module-not-found", "404-sound-not-found",
			"404-stored-recording-file-not-found", "404-unload-nonexistent-module",
			"404-userevent-application-not-found", "409-load-nonexistent-module",
			"409-update-non-stasis-device-state", "422-userevent-source-not-found", "500-externalmedia-bad-format",
			"500-invalid-device-state");

	private static final Map<String, String> UPGRADE = Map.of("Upgrade", "websocket", "Connection", "Upgrade",
			"Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");

	private static AriSimulator simulator;

	private static EventStream events;

	/** The objects the recorded requests name, with the recorded ids. */
	@BeforeAll
	static void recreateTheRecordedObjects() {
		simulator = AriSimulator.builder().readOnlyUser("readonly", "readonly").start();
		events = EventStream.connect(simulator, "rest-samples");
		AriClient client = RawHttp.ari(simulator);
		client.channels().originate("PJSIP/sample", ChannelOriginateParams.builder().app("rest-samples")
			.channelId("1795836659.49").build());
		client.channels().originate("PJSIP/sample", ChannelOriginateParams.builder().app("rest-samples")
			.channelId("1795836659.50").build());
		client.channels().originate("Local/400@from-test", ChannelOriginateParams.builder().app("rest-samples")
			.channelId("1795836660.51").otherChannelId("1795836660.52").build());
		for (String id : List.of("1795836659.49", "1795836659.50", "1795836660.51")) {
			simulator.call(id).await(Call::inStasis, "in Stasis", Duration.ofSeconds(5));
		}
		client.bridges().create(BridgeCreateParams.builder().type("mixing").name("sample-bridge")
			.bridgeId("sample-bridge-1").build());
		client.channels().record("1795836659.49", "sample-recording", "wav");
		client.recordings().stop("sample-recording");
	}

	@AfterAll
	static void stop() {
		events.close();
		simulator.stop();
	}

	static Stream<String> recordedErrors() throws IOException, URISyntaxException {
		Path directory = Path.of(RealErrorAnswersTests.class.getResource("/ari-samples/rest/errors").toURI());
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString().replace(".json", "")).sorted().toList().stream();
		}
	}

	@ParameterizedTest
	@MethodSource("recordedErrors")
	void answersAsAsteriskDid(String name) {
		JsonNode sample = read(name);
		JsonNode request = sample.path("request");
		RawHttp.Response response = replay(request);
		if (NOT_SIMULATED.contains(name)) {
			assertThat(response.status()).isEqualTo(501);
			assertThat(response.body()).contains("The ARI simulator does not implement");
			return;
		}
		assertThat(response.status()).isEqualTo(sample.path("status").asInt());
		if (sample.path("reason").isString()) {
			assertThat(response.reason()).isEqualTo(sample.path("reason").asString());
		}
		JsonNode body = sample.path("body");
		if (body.isString()) {
			assertThat(response.body()).isEqualTo(body.asString());
		}
		else {
			assertThat(EventStream.JSON.readTree(response.body())).isEqualTo(body);
		}
		JsonNode headers = sample.path("headers");
		for (String header : List.of("www-authenticate", "allow", "content-type")) {
			if (headers.has(header)) {
				assertThat(response.headers().get(header)).as(header).isEqualTo(headers.path(header).asString());
			}
		}
	}

	private static RawHttp.Response replay(JsonNode request) {
		Map<String, String> query = new LinkedHashMap<>();
		request.path("query").properties().forEach((entry) -> query.put(entry.getKey(), entry.getValue().asString()));
		boolean upgrade = request.path("note").asString("").contains("websocket");
		// The recorded upgrades carried their credentials, if any, as api_key.
		String credentials = request.path("credentials").asString(upgrade ? "none" : "asterisk:asterisk");
		String authorization;
		if ("none".equals(credentials) || query.containsKey("api_key")) {
			authorization = null;
		}
		else {
			String[] user = credentials.replace(" (HTTP Basic)", "").split(":", 2);
			authorization = EventStream.basic(user[0], user[1]);
		}
		return RawHttp.request(simulator, request.path("method").asString(), request.path("path").asString(), query,
				request.has("body") ? request.path("body").asString() : null, authorization,
				upgrade ? UPGRADE : Map.of());
	}

	private static JsonNode read(String name) {
		try {
			return EventStream.JSON.readTree(Files.readString(Path.of(RealErrorAnswersTests.class
				.getResource("/ari-samples/rest/errors/" + name + ".json")
				.toURI())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
