package io.github.arispring.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WireMock server on loopback that answers with the recorded Asterisk samples, clients of the
 * generated interfaces pointed at it, and the check that each call sent exactly the expected
 * request. Register it as a static {@code @RegisterExtension} field.
 */
final class AriWireMock implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	static final String USERNAME = "ari-user";

	static final String PASSWORD = "Pa55-w0rd-never-logged";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SAMPLES = "ari-samples/rest/";

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Map<String, JsonNode> INDEX = index();

	private WireMockServer server;

	private AriClientFactory factory;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
		this.server.start();
		this.factory = builder().build();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.server.resetAll();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.server.stop();
	}

	/** The ARI URL as a user would configure it: no {@code /ari}, no credentials. */
	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	WireMockServer server() {
		return this.server;
	}

	/** A factory whose clients go straight to the connector, as the starter's do. */
	AriClientFactory.Builder builder() {
		return AriClientFactory.builder(url()).credentials(USERNAME, PASSWORD);
	}

	/** A factory whose clients go through the builder's WebClient. */
	AriClientFactory factory(WebClient.Builder builder) {
		return AriClientFactory.create(builder, url(), USERNAME, PASSWORD);
	}

	<T> T client(Class<T> type) {
		return this.factory.create(type);
	}

	/** Answers every request with a recorded body, its status and content type from {@code index.jsonl}. */
	void respond(String sample) {
		JsonNode entry = INDEX.get(sample);
		assertThat(entry).as("index.jsonl entry of %s", sample).isNotNull();
		respond(WireMock.aResponse()
			.withStatus(entry.get("status").asInt())
			.withHeader("Content-Type", entry.get("content_type").asString())
			.withBody(sample(sample)));
	}

	/** Answers every request with 204, as Asterisk does for commands. */
	void respondNoContent() {
		respond(WireMock.aResponse().withStatus(204));
	}

	void respond(ResponseDefinitionBuilder response) {
		this.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(response));
	}

	/**
	 * Calls the blocking and then the reactive variant of one operation, checks that each sent
	 * exactly the expected request, and returns both results (blocking first).
	 */
	<T> List<T> call(Expected expected, Supplier<T> blocking, Supplier<Mono<T>> reactive) {
		List<T> results = new ArrayList<>();
		results.add(blocking.get());
		expected.assertSentOnce(this.server);
		results.add(reactive.get().block(TIMEOUT));
		expected.assertSentOnce(this.server);
		assertThat(results).doesNotContainNull();
		return results;
	}

	/** Like {@link #call} for operations without a result. */
	void run(Expected expected, Runnable blocking, Supplier<Mono<Void>> reactive) {
		blocking.run();
		expected.assertSentOnce(this.server);
		reactive.get().block(TIMEOUT);
		expected.assertSentOnce(this.server);
	}

	static Expected get(String path) {
		return new Expected("GET", path);
	}

	static Expected post(String path) {
		return new Expected("POST", path);
	}

	static Expected put(String path) {
		return new Expected("PUT", path);
	}

	static Expected delete(String path) {
		return new Expected("DELETE", path);
	}

	static byte[] sample(String name) {
		try (InputStream in = AriWireMock.class.getClassLoader().getResourceAsStream(SAMPLES + name)) {
			assertThat(in).as("sample %s on the classpath", name).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode sampleJson(String name) {
		return JSON.readTree(sample(name));
	}

	private static Map<String, JsonNode> index() {
		Map<String, JsonNode> index = new LinkedHashMap<>();
		new String(sample("index.jsonl"), StandardCharsets.UTF_8).lines()
			.map(JSON::readTree)
			.forEach((entry) -> index.put(entry.get("file").asString(), entry));
		return index;
	}

	/**
	 * The request a call must send, and nothing else: method, path as sent (Asterisk decodes each
	 * segment, so ids are percent-encoded), decoded query values, JSON body, Basic credentials.
	 */
	static final class Expected {

		private final String method;

		private final String path;

		private final Map<String, String> query = new LinkedHashMap<>();

		private JsonNode body;

		private Expected(String method, String path) {
			this.method = method;
			this.path = path;
		}

		Expected query(String name, String value) {
			this.query.put(name, value);
			return this;
		}

		Expected body(String json) {
			this.body = JSON.readTree(json);
			return this;
		}

		void assertSentOnce(WireMockServer server) {
			List<LoggedRequest> requests = server.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
			server.resetRequests();
			assertThat(requests).hasSize(1);
			LoggedRequest request = requests.get(0);
			String url = request.getUrl();
			assertThat(request.getMethod().getName()).isEqualTo(this.method);
			assertThat(url.contains("?") ? url.substring(0, url.indexOf('?')) : url).isEqualTo(this.path);
			Map<String, List<String>> query = new LinkedHashMap<>();
			request.getQueryParams().forEach((name, parameter) -> query.put(name, parameter.values()));
			Map<String, List<String>> expectedQuery = new LinkedHashMap<>();
			this.query.forEach((name, value) -> expectedQuery.put(name, List.of(value)));
			assertThat(query).as("query of %s", url).isEqualTo(expectedQuery);
			if (this.body != null) {
				assertThat(request.getHeader("Content-Type")).startsWith("application/json");
				assertThat(JSON.readTree(request.getBodyAsString())).isEqualTo(this.body);
			}
			else {
				assertThat(request.getBody()).isEmpty();
			}
			assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
				.encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
			assertThat(request.getAbsoluteUrl()).doesNotContain(USERNAME, PASSWORD, "api_key");
		}

	}

}
