package io.github.arispring.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.ReactiveAsteriskApi;
import io.github.arispring.listener.AriConnectionState;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriHealthIndicator} against WireMock answering with recorded Asterisk
 * responses.
 */
class AriHealthIndicatorTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension asterisk = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void healthWhenConnectedAndAsteriskAnswersShouldBeUpWithVersionAndEntityId() throws IOException {
		asterisk.stubFor(get(urlPathEqualTo("/ari/asterisk/info")).withBasicAuth("asterisk", "secret")
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(sample("ari-samples/rest/asterisk/getInfo.json"))));
		Health health = indicator(new State(true, null, "hello-world", "ivr"), Duration.ofSeconds(5)).health()
			.block(BLOCK);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("version", "23.4.1")
			.containsEntry("entityId", "02:fc:00:00:00:01")
			.containsEntry("applications", List.of("hello-world", "ivr"))
			.doesNotContainKey("reason");
		asterisk.verify(1, anyRequestedFor(urlPathEqualTo("/ari/asterisk/info")).withHeader("Authorization",
				equalTo("Basic YXN0ZXJpc2s6c2VjcmV0")));
	}

	@Test
	void healthWhenDisconnectedShouldBeDownWithLastFailureWithoutCallingAsterisk() {
		Health health = indicator(new State(false, "Connection refused: pbx/10.0.0.5:8088", "hello-world"),
				Duration.ofSeconds(5))
			.health()
			.block(BLOCK);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "Connection refused: pbx/10.0.0.5:8088")
			.containsEntry("applications", List.of("hello-world"))
			.doesNotContainKey("version");
		asterisk.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void healthWhenNeverConnectedShouldBeDownWithDefaultReason() {
		Health health = indicator(new State(false, null, "hello-world"), Duration.ofSeconds(5)).health().block(BLOCK);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "The events WebSocket is not connected");
	}

	@Test
	void healthWhenAsteriskAnswers401ShouldBeDownWithItsMessage() throws IOException {
		JsonNode recorded = JsonMapper.builder().build().readTree(sample("ari-samples/rest/errors/401-bad-password.json"));
		asterisk.stubFor(get(urlPathEqualTo("/ari/asterisk/info")).willReturn(aResponse()
			.withStatus(recorded.get("status").asInt())
			.withHeader("Content-Type", recorded.get("headers").get("content-type").asString())
			.withHeader("WWW-Authenticate", recorded.get("headers").get("www-authenticate").asString())
			.withBody(recorded.get("body").toString())));
		Health health = indicator(new State(true, null, "hello-world"), Duration.ofSeconds(5)).health().block(BLOCK);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("reason")).contains("401")
			.contains("Authentication required")
			.contains("check ari.username and ari.password")
			.doesNotContain("secret");
	}

	@Test
	void healthWhenAsteriskIsTooSlowShouldBeDownWithTimeout() {
		asterisk.stubFor(get(urlPathEqualTo("/ari/asterisk/info"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{}")));
		Health health = indicator(new State(true, null), Duration.ofMillis(200)).health().block(BLOCK);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "GET /asterisk/info did not answer within 200 ms");
	}

	@Test
	void healthWhenAsteriskUnreachableShouldBeDownWithConnectionError() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ReactiveAsteriskApi api = AriClientFactory
			.create(WebClient.builder(), "http://127.0.0.1:" + port, "asterisk", "secret")
			.create(ReactiveAsteriskApi.class);
		Health health = new AriHealthIndicator(new State(true, null), api, Duration.ofSeconds(5)).health().block(BLOCK);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("reason")).contains("could not reach Asterisk");
	}

	private static AriHealthIndicator indicator(AriConnectionState state, Duration timeout) {
		ReactiveAsteriskApi api = AriClientFactory.create(WebClient.builder(), asterisk.baseUrl(), "asterisk", "secret")
			.create(ReactiveAsteriskApi.class);
		return new AriHealthIndicator(state, api, timeout);
	}

	private static String sample(String path) throws IOException {
		try (InputStream stream = new ClassPathResource(path).getInputStream()) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	record State(boolean isConnected, @Nullable String getLastFailure, List<String> getApplications)
			implements AriConnectionState {

		State(boolean connected, @Nullable String lastFailure, String... applications) {
			this(connected, lastFailure, List.of(applications));
		}

	}

}
