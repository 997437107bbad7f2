package io.github.arispring.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriConnectionException;
import io.github.arispring.client.AriException;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.event.AriEvent;
import io.github.arispring.model.Playback;
import io.github.arispring.model.Variable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * REST calls over the events WebSocket of an in-process Asterisk that answers RESTRequest
 * frames as the recorded Asterisk did: the same exceptions and results as over HTTP, ids that
 * survive the trip, calls that never hang when the socket drops, and the choice of transport.
 */
class RestOverWebSocketTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final FakeAsterisk asterisk = new FakeAsterisk();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startAsterisk() {
		this.asterisk.start();
		this.contextRunner = this.asterisk.contextRunner()
			.withPropertyValues("ari.applications=rows-app", "ari.rest.transport=websocket");
	}

	@AfterEach
	void stopAsterisk() {
		this.asterisk.stop();
	}

	static Stream<Arguments> errorSamples() {
		return Stream.of(
				Arguments.of("404-channel-not-found", "404-channel-not-found", "channels.get",
						"GET /channels/{channelId}", call((ari) -> ari.channels().get("no-such-channel"))),
				Arguments.of("400-originate-missing-endpoint", "400-originate-missing-endpoint", "channels.originate",
						"POST /channels", call((ari) -> ari.channels().originate(""))),
				Arguments.of("403-readonly-user-write", "403-readonly-user-write", "asterisk.setGlobalVar",
						"POST /asterisk/variable", call((ari) -> {
							ari.asterisk().setGlobalVar("X", "1");
							return null;
						})),
				Arguments.of("404-unknown-resource", "404-no-such-resource", "applications.list", "GET /applications",
						call((ari) -> ari.applications().list())),
				Arguments.of("405-leading-slash-uri", null, "channels.list", "GET /channels",
						call((ari) -> ari.channels().list())),
				Arguments.of("restrequest-missing-method", null, "channels.list", "GET /channels",
						call((ari) -> ari.channels().list())),
				Arguments.of("unknown-message-type", null, "channels.list", "GET /channels",
						call((ari) -> ari.channels().list())));
	}

	private static Function<AriClient, @Nullable Object> call(Function<AriClient, @Nullable Object> call) {
		return call;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errorSamples")
	void errorAnswerShouldBecomeTheSameExceptionAsOverHttp(String sample, @Nullable String httpTwin, String operation,
			String request, Function<AriClient, @Nullable Object> call) {
		JsonNode received = sample(sample).get("received");
		this.asterisk.answerRestRequests(answering((frame) -> frame.answer(received)));
		AriException overWebSocket = callFailing(this.contextRunner, call);
		String body = received.get("message_body").asString();
		assertThat(overWebSocket.statusCode()).isEqualTo(received.get("status_code").asInt());
		assertThat(overWebSocket.operation()).isEqualTo(operation);
		assertThat(overWebSocket.request()).isEqualTo(request);
		assertThat(overWebSocket.responseBody()).isEqualTo(body);
		assertThat(overWebSocket.asteriskMessage())
			.isEqualTo(AsteriskRestRequest.JSON.readTree(body).get("message").asString());
		assertThat(this.asterisk.httpRequests()).isEmpty();
		if (httpTwin != null) {
			JsonNode twin = AsteriskRestRequest.JSON.readTree(resource("rest/errors/" + httpTwin + ".json"));
			Map<String, String> headers = new LinkedHashMap<>();
			twin.get("headers").properties().forEach((header) -> headers.put(header.getKey(), header.getValue().asString()));
			headers.remove("content-length");
			this.asterisk.answerHttp((ignored) -> new FakeAsterisk.HttpAnswer(twin.get("status").asInt(), headers,
					twin.get("body").toString().getBytes(StandardCharsets.UTF_8)));
			AriException overHttp = callFailing(this.contextRunner.withPropertyValues("ari.rest.transport=http"), call);
			assertThat(overWebSocket).isExactlyInstanceOf(overHttp.getClass());
			assertThat(overWebSocket.statusCode()).isEqualTo(overHttp.statusCode());
			assertThat(overWebSocket.asteriskMessage()).isEqualTo(overHttp.asteriskMessage());
			assertThat(overWebSocket.responseBody()).isEqualTo(overHttp.responseBody());
			assertThat(overWebSocket).hasMessage(overHttp.getMessage());
		}
	}

	private AriException callFailing(ApplicationContextRunner runner, Function<AriClient, @Nullable Object> call) {
		AriException[] thrown = new AriException[1];
		runner.run((context) -> {
			Throwable failure = catchThrowable(() -> call.apply(context.getBean(AriClient.class)));
			assertThat(failure).isInstanceOf(AriException.class).isNotInstanceOf(AriConnectionException.class);
			thrown[0] = (AriException) failure;
		});
		return thrown[0];
	}

	@Test
	void awkwardIdsAndValuesShouldArriveAsOverHttp() {
		String channelId = "Local/100@from-test-0000001a;2 +%ü€";
		String variable = "CALLERID(name);x/y@z +%ü";
		// Echoes what Asterisk read: the channel id segment and the variable parameter.
		JsonNode info = sample("success-get-asterisk-info").get("received");
		this.asterisk.answerRestRequests(answering(
				(frame) -> frame.uri().equals("asterisk/info") ? frame.answer(info) : frame.answer(200, "OK", echo(frame))));
		this.asterisk.answerHttp((request) -> FakeAsterisk.HttpAnswer.json(200,
				echo(AsteriskRestRequest.fromHttp(request.method().name(), request.uri(), null, null))));
		Map<String, String> values = new LinkedHashMap<>();
		for (String transport : List.of("websocket", "http")) {
			this.contextRunner.withPropertyValues("ari.rest.transport=" + transport).run((context) -> {
				AriClient ari = context.getBean(AriClient.class);
				values.put(transport, ari.channels().getChannelVar(channelId, variable).value());
				assertThat(context.getBean(ReactiveAriClient.class).channels().getChannelVar(channelId, variable)
					.map(Variable::value)
					.block(TIMEOUT)).isEqualTo(values.get(transport));
			});
		}
		assertThat(values.get("websocket")).isEqualTo(channelId + "|" + variable);
		assertThat(values.get("http")).isEqualTo(values.get("websocket"));
		assertThat(this.asterisk.restRequests()).anySatisfy((frame) -> assertThat(frame)
			.contains("\"uri\":\"channels/Local%2F100%40from-test-0000001a%3B2%20%2B%25%C3%BC%E2%82%AC/variable\""));
	}

	private static String echo(AsteriskRestRequest request) {
		String variable = request.query().stream()
			.filter((parameter) -> parameter.getKey().equals("variable"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow();
		return AsteriskRestRequest.JSON.createObjectNode()
			.put("value", request.segments().get(1) + "|" + variable)
			.toString();
	}

	@Test
	void callInFlightShouldFailAtOnceWhenTheSocketDrops() {
		this.asterisk.answerRestRequests(answering((frame) -> null));
		this.contextRunner.run((context) -> {
			List<Throwable> errors = new CopyOnWriteArrayList<>();
			context.getBean(ReactiveAriClient.class).channels().answer("1795836649.45").subscribe(null, errors::add);
			await().atMost(TIMEOUT).until(() -> this.asterisk.restRequests().stream().anyMatch((frame) -> frame
				.contains("channels/1795836649.45/answer")));
			this.asterisk.rejectCredentials(true);
			this.asterisk.closeConnections();
			// ari.response-timeout is 30 s: only the socket closing can end the call this soon.
			await().atMost(TIMEOUT).until(() -> !errors.isEmpty());
			assertThat(errors.get(0)).isInstanceOf(AriConnectionException.class)
				.hasMessageContaining("ARI channels.answer got no answer from Asterisk: the events WebSocket ws://")
				.hasMessageContaining("closed while the call was in flight")
				.hasMessageContaining("may or may not have carried it out");
			assertThat(context.getBean(WebSocketRestConnector.class).getInFlightCount()).isZero();
		});
	}

	@Test
	void callWhileDisconnectedShouldWaitForTheReconnection() {
		JsonNode channels = sample("success-get-channels-empty").get("received");
		this.asterisk.answerRestRequests(answering((frame) -> frame.answer(channels)));
		this.contextRunner.run((context) -> {
			AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
			assertThat(this.asterisk.awaitConnections(1, TIMEOUT)).isTrue();
			await().atMost(TIMEOUT).until(container::isConnected);
			this.asterisk.rejectCredentials(true);
			this.asterisk.closeConnections();
			await().atMost(TIMEOUT).until(() -> !container.isConnected());
			List<Object> results = new CopyOnWriteArrayList<>();
			context.getBean(ReactiveAriClient.class).channels().list().collectList().subscribe(results::add,
					results::add);
			Thread.sleep(500);
			assertThat(results).isEmpty();
			assertThat(context.getBean(WebSocketRestConnector.class).getWaitingCount()).isOne();
			this.asterisk.rejectCredentials(false);
			await().atMost(TIMEOUT).until(() -> !results.isEmpty());
			assertThat(results).containsExactly(List.of());
			assertThat(this.asterisk.httpRequests()).isEmpty();
		});
	}

	@Test
	void callWaitingPastItsTimeOutShouldFailClearly() {
		this.asterisk.rejectCredentials(true);
		this.contextRunner.withPropertyValues("ari.response-timeout=500ms").run((context) -> {
			Throwable thrown = catchThrowable(() -> context.getBean(AriClient.class).channels().list());
			assertThat(thrown).isInstanceOf(AriConnectionException.class)
				.hasMessageStartingWith("ARI channels.list got no answer from Asterisk: no events WebSocket ws://127.0.0.1:"
						+ this.asterisk.port() + "/ari/events was open within 500 ms")
				.hasMessageEndingWith("the call was not sent");
			assertThat(context.getBean(WebSocketRestConnector.class).getWaitingCount()).isZero();
		});
	}

	@Test
	void autoShouldUseTheWebSocketOnceAsteriskAnswersOnIt() {
		JsonNode info = sample("success-get-asterisk-info").get("received");
		JsonNode channels = sample("success-get-channels-empty").get("received");
		this.asterisk.answerRestRequests(
				answering((frame) -> frame.uri().equals("asterisk/info") ? frame.answer(info) : frame.answer(channels)));
		this.contextRunner.withPropertyValues("ari.rest.transport=auto").run((context) -> {
			WebSocketRestConnector connector = context.getBean(WebSocketRestConnector.class);
			await().atMost(TIMEOUT).until(connector::isAnswering);
			assertThat(context.getBean(AriClient.class).channels().list()).isEmpty();
			assertThat(this.asterisk.restRequests()).anySatisfy((frame) -> assertThat(frame).contains("\"uri\":\"channels\""));
			assertThat(this.asterisk.httpRequests()).isEmpty();
			// While the socket is down, calls go over HTTP rather than wait.
			AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
			this.asterisk.rejectCredentials(true);
			this.asterisk.closeConnections();
			await().atMost(TIMEOUT).until(() -> !container.isConnected());
			this.asterisk.answerHttp((request) -> FakeAsterisk.HttpAnswer.json(200, "[]"));
			assertThat(context.getBean(AriClient.class).channels().list()).isEmpty();
			assertThat(this.asterisk.httpRequests()).containsExactly("GET /ari/channels");
		});
	}

	@Test
	void autoShouldStayOnHttpWhenAsteriskDoesNotAnswerOnTheSocket() {
		// Asterisk before 20.14 reads RESTRequest frames and ignores them.
		this.asterisk.answerRestRequests(null);
		this.asterisk.answerHttp((request) -> FakeAsterisk.HttpAnswer.json(200, "[]"));
		this.contextRunner.withPropertyValues("ari.rest.transport=auto", "ari.response-timeout=1s").run((context) -> {
			AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
			await().atMost(TIMEOUT).until(container::isConnected);
			await().atMost(TIMEOUT).until(() -> !this.asterisk.restRequests().isEmpty());
			assertThat(context.getBean(AriClient.class).channels().list()).isEmpty();
			// Past the probe's time-out: still HTTP.
			Thread.sleep(1500);
			assertThat(context.getBean(AriClient.class).channels().list()).isEmpty();
			assertThat(context.getBean(WebSocketRestConnector.class).isAnswering()).isFalse();
			assertThat(this.asterisk.httpRequests()).containsExactly("GET /ari/channels", "GET /ari/channels");
			assertThat(this.asterisk.restRequests()).singleElement()
				.satisfies((frame) -> assertThat(AsteriskRestRequest.fromFrame(frame).uri()).isEqualTo("asterisk/info"));
		});
	}

	@Test
	void storedFileShouldStillGoOverHttp() {
		byte[] wav = bytes("rest/recordings/getStoredFile.wav");
		this.asterisk.answerRestRequests(answering((frame) -> frame.answer(sample("success-get-asterisk-info")
			.get("received"))));
		this.asterisk.answerHttp((request) -> new FakeAsterisk.HttpAnswer(200, Map.of("Content-Type", "audio/wav"), wav));
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(AriClient.class).recordings().getStoredFile("sample-recording")).isEqualTo(wav);
			assertThat(context.getBean(ReactiveAriClient.class).recordings().getStoredFile("sample-recording")
				.block(TIMEOUT)).isEqualTo(wav);
			assertThat(this.asterisk.httpRequests()).containsExactly("GET /ari/recordings/stored/sample-recording/file",
					"GET /ari/recordings/stored/sample-recording/file");
			assertThat(this.asterisk.restRequests()).noneMatch((frame) -> frame.contains("recordings"));
		});
	}

	@Test
	void callsOverTheSocketShouldBeObservedWithTheirUriTemplate() {
		String play = "{\"id\":\"p-1\",\"media_uri\":\"sound:hello-world\",\"target_uri\":\"channel:1795836649.45\","
				+ "\"language\":\"en\",\"state\":\"queued\"}";
		this.asterisk.answerRestRequests(answering((frame) -> frame.answer(201, "Created", play)));
		this.contextRunner.withUserConfiguration(Observed.class).run((context) -> {
			Playback playback = context.getBean(AriClient.class).channels().play("1795836649.45",
					List.of("sound:hello-world"));
			assertThat(playback.id()).isEqualTo("p-1");
			assertThat(this.asterisk.httpRequests()).isEmpty();
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("http.client.requests")
				.that()
				.hasLowCardinalityKeyValue("method", "POST")
				.hasLowCardinalityKeyValue("status", "201")
				.hasLowCardinalityKeyValue("uri", "/ari/channels/{channelId}/play");
		});
	}

	@Test
	void restResponsesShouldNotReachHandlers() {
		this.asterisk.answerRestRequests(answering((frame) -> frame.answer(sample("success-get-asterisk-info")
			.get("received"))));
		List<String> frames = FakeAsterisk.frames("rest-over-websocket/stream.jsonl");
		long answers = frames.stream().filter((frame) -> frame.contains("\"type\":\"RESTResponse\"")).count();
		long events = frames.size() - answers;
		this.contextRunner.withUserConfiguration(AllEvents.class).run((context) -> {
			assertThat(this.asterisk.awaitConnections(1, TIMEOUT)).isTrue();
			// Answers nobody waits for: counted as late, never handed to handlers.
			this.asterisk.send(frames);
			AllEvents handler = context.getBean(AllEvents.class);
			await().atMost(TIMEOUT).until(() -> handler.types.size() >= events);
			assertThat(handler.types).hasSize((int) events).doesNotContain("RESTResponse").contains("StasisStart", "ChannelDestroyed");
			// All but the one without a request id, which is logged instead.
			await().atMost(TIMEOUT)
				.until(() -> context.getBean(WebSocketRestConnector.class).getLateAnswerCount() == answers - 1);
		});
	}

	private static Function<String, @Nullable String> answering(Function<AsteriskRestRequest, @Nullable String> answer) {
		return (text) -> answer.apply(AsteriskRestRequest.fromFrame(text));
	}

	private static JsonNode sample(String name) {
		return AsteriskRestRequest.JSON.readTree(resource("rest-over-websocket/" + name + ".json"));
	}

	private static String resource(String path) {
		return FakeAsterisk.resource(path);
	}

	private static byte[] bytes(String path) {
		try (InputStream in = RestOverWebSocketTests.class.getResourceAsStream("/ari-samples/" + path)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Observed {

		// the application's registry: no WebClient customizer needed
		@Bean
		TestObservationRegistry testObservationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	static class AllEvents {

		final List<String> types = new CopyOnWriteArrayList<>();

		@StasisEventHandler
		void on(AriEvent event) {
			this.types.add(event.type());
		}

	}

}
