package io.github.arispring.client.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.AriSamples;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionException;
import io.github.arispring.client.ChannelOriginateParams;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.model.Application;
import io.github.arispring.model.AsteriskInfo;
import io.github.arispring.model.Channel;
import io.github.arispring.model.Variable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket connector under the real clients, over a scripted socket that answers with the
 * RESTResponse frames recorded from Asterisk: what it sends, how it correlates answers, and
 * that no call is left behind when sockets close, calls time out or callers cancel.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebSocketRestConnectorTests {

	private static final String BASE = "rest-over-websocket/";

	private static final URI BASE_URI = URI.create("http://127.0.0.1:8088/ari");

	private final Scheduler reader = Schedulers.newSingle("test-socket-reader");

	private WebSocketRestConnector connector = connector(Duration.ofSeconds(5));

	@AfterEach
	void stopReader() {
		this.reader.dispose();
	}

	static Stream<Arguments> successSamples() {
		return Stream.of(
				Arguments.of("success-get-asterisk-info", AsteriskInfo.class,
						(Function<AriClient, Object>) (ari) -> ari.asterisk().getInfo(List.of("system"))),
				Arguments.of("success-get-channels-empty", new TypeReference<List<Channel>>() { },
						(Function<AriClient, Object>) (ari) -> ari.channels().list()),
				Arguments.of("success-originate-query-strings", Channel.class,
						(Function<AriClient, Object>) (ari) -> ari.channels().originate("Local/100@from-test",
								ChannelOriginateParams.builder().app("rows-app").appArgs("via-websocket").build())),
				Arguments.of("success-get-variable", Variable.class,
						(Function<AriClient, Object>) (ari) -> ari.channels().getChannelVar("1795836649.45", "FOO")),
				Arguments.of("readonly-user-get", Application.class,
						(Function<AriClient, Object>) (ari) -> ari.applications().get("rows-ro")),
				Arguments.of("success-hangup", null, (Function<AriClient, Object>) (ari) -> {
					ari.channels().hangup("1795836649.45");
					return "no content";
				}));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("successSamples")
	void recordedSuccessShouldBeSentAsRecordedAndReadLikeOverHttp(String sample, @Nullable Object type,
			Function<AriClient, Object> call) {
		JsonNode recorded = sample(sample);
		ScriptedSocket socket = connect((frame) -> answer(frame, recorded.get("received")));
		Object result = call.apply(client());
		assertThat(socket.frames).hasSize(1);
		assertThat(normalized(socket.frames.get(0))).isEqualTo(normalized(recorded.get("sent").toString()));
		JsonNode received = recorded.get("received");
		if (type == null) {
			assertThat(received.has("message_body")).isFalse();
			return;
		}
		String body = received.get("message_body").asString();
		Object expected = (type instanceof Class<?> cls) ? AriSamples.MAPPER.readValue(body, cls)
				: AriSamples.MAPPER.readValue(body, (TypeReference<?>) type);
		assertThat(result).isEqualTo(expected);
		AriSamples.assertNothingLost(body, result);
	}

	@Test
	void jsonBodyShouldGoAsAStringWithItsContentType() {
		JsonNode recorded = sample("success-set-variable-json-body");
		ScriptedSocket socket = connect((frame) -> answer(frame, recorded.get("received")));
		factory().webClient()
			.post()
			.uri("/channels/{channelId}/variable", "1795836649.45")
			.bodyValue(Map.of("variable", "FOO"))
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(5));
		JsonNode sent = AriSamples.MAPPER.readTree(socket.frames.get(0));
		assertThat(sent.get("content_type").asString()).isEqualTo("application/json");
		assertThat(sent.get("message_body").isString()).isTrue();
		assertThat(sent.get("message_body").asString()).isEqualTo("{\"variable\":\"FOO\"}");
		assertThat(sent.get("uri").asString()).isEqualTo(recorded.get("sent").get("uri").asString());
	}

	@Test
	void variablesOfAnOriginateShouldGoInTheJsonBody() {
		ScriptedSocket socket = connect((frame) -> answer(frame,
				sample("success-originate-query-strings").get("received")));
		client().channels().originate("Local/100@from-test", ChannelOriginateParams.builder()
			.app("rows-app")
			.variables(Map.<String, Object>of("CALLERID(name)", "Zoë ; Ω"))
			.build());
		JsonNode sent = AriSamples.MAPPER.readTree(socket.frames.get(0));
		assertThat(sent.get("content_type").asString()).isEqualTo("application/json");
		assertThat(AriSamples.MAPPER.readTree(sent.get("message_body").asString()))
			.isEqualTo(AriSamples.MAPPER.readTree("{\"variables\":{\"CALLERID(name)\":\"Zoë ; Ω\"}}"));
	}

	@Test
	void answersShouldReachTheirOwnCallsWhateverTheirOrder() {
		List<String> held = new CopyOnWriteArrayList<>();
		ScriptedSocket socket = connect((frame) -> {
			held.add(frame);
			return null;
		});
		ReactiveAriClient ari = reactiveClient();
		List<String> ids = IntStream.range(0, 200).mapToObj((i) -> "channel-" + i).toList();
		Mono<List<String>> results = Flux.fromIterable(ids)
			.flatMap((id) -> ari.channels().getChannelVar(id, "X").map(Variable::value))
			.collectList();
		List<List<String>> values = new CopyOnWriteArrayList<>();
		results.subscribe(values::add);
		await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == ids.size());
		List<String> shuffled = new ArrayList<>(held);
		Collections.shuffle(shuffled);
		// Each answer carries the id of the channel asked about.
		shuffled.forEach((frame) -> socket.deliver(answer(frame, 200, "OK", "{\"value\":\""
				+ AriSamples.MAPPER.readTree(frame).get("uri").asString().split("/")[1] + "\"}")));
		await().atMost(Duration.ofSeconds(5)).until(() -> values.size() == 1);
		assertThat(values.get(0)).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(held.stream().map((frame) -> AriSamples.MAPPER.readTree(frame).get("request_id").asString()))
			.doesNotHaveDuplicates();
		assertThat(this.connector.getInFlightCount()).isZero();
	}

	@Test
	void everyCallShouldBeObservedWithItsAnswersStatus() {
		connect((frame) -> answer(frame, sample("success-get-variable").get("received")));
		TestObservationRegistry registry = TestObservationRegistry.create();
		List<String> stopped = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context.getLowCardinalityKeyValue("status").getValue());
			}

		});
		AriClient ari = AriClient.create(AriClientFactory.create(
				WebClient.builder().clientConnector(this.connector).observationRegistry(registry),
				"http://127.0.0.1:8088", "asterisk", "secret"));
		// As over HTTP, a caller gets the body only once the observation has ended with the answer.
		for (int i = 1; i <= 200; i++) {
			assertThat(ari.channels().getChannelVar("1795836649.45", "FOO").value()).isEqualTo("bar");
			assertThat(stopped).hasSize(i);
		}
		assertThat(stopped).containsOnly("200");
		TestObservationRegistryAssert.assertThat(registry)
			.forAllObservationsWithNameEqualTo("http.client.requests",
					(observation) -> observation.hasLowCardinalityKeyValue("uri", "/ari/channels/{channelId}/variable"));
	}

	@Test
	void callInFlightShouldFailAtOnceWhenTheSocketCloses() {
		this.connector = connector(Duration.ofMinutes(1));
		ScriptedSocket socket = connect((frame) -> null);
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		reactiveClient().channels().answer("1795836649.45").subscribe(null, errors::add);
		await().atMost(Duration.ofSeconds(5)).until(() -> socket.frames.size() == 1);
		this.connector.disconnected("closed by Asterisk");
		await().atMost(Duration.ofSeconds(2)).until(() -> !errors.isEmpty());
		assertThat(errors.get(0)).isInstanceOf(AriConnectionException.class)
			.hasMessageContaining("channels.answer")
			.hasMessageContaining("closed while the call was in flight (closed by Asterisk)")
			.hasMessageContaining("may or may not have carried it out");
		assertThat(this.connector.getInFlightCount()).isZero();
	}

	@Test
	void callWithoutSocketShouldWaitForOne() {
		Mono<List<Channel>> list = reactiveClient().channels().list().collectList();
		List<List<Channel>> results = new CopyOnWriteArrayList<>();
		list.subscribe(results::add);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connector.getWaitingCount() == 1);
		ScriptedSocket socket = connect((frame) -> answer(frame, sample("success-get-channels-empty").get("received")));
		await().atMost(Duration.ofSeconds(5)).until(() -> results.size() == 1);
		assertThat(results.get(0)).isEmpty();
		assertThat(socket.frames).hasSize(1);
		assertThat(this.connector.getWaitingCount()).isZero();
	}

	@Test
	void callWithoutSocketShouldFailAfterItsTimeoutUnsent() {
		this.connector = connector(Duration.ofMillis(300));
		this.connector.connected(new ScriptedSocket(this.connector, this.reader, (frame) -> null));
		this.connector.disconnected("closed by Asterisk");
		Throwable thrown = catchThrowable(() -> client().channels().list());
		assertThat(thrown).isInstanceOf(AriConnectionException.class)
			.hasMessage("ARI channels.list got no answer from Asterisk: no test socket was open within 300 ms "
					+ "(last closed: closed by Asterisk); the call was not sent");
		assertThat(this.connector.getWaitingCount()).isZero();
	}

	@Test
	void lateAnswerShouldBeCountedAfterTheCallTimedOut(CapturedOutput output) {
		this.connector = connector(Duration.ofMillis(300));
		ScriptedSocket socket = connect((frame) -> null);
		Throwable thrown = catchThrowable(() -> client().channels().list());
		assertThat(thrown).isInstanceOf(AriConnectionException.class)
			.hasMessageContaining("no answer over the test socket within 300 ms");
		assertThat(this.connector.getInFlightCount()).isZero();
		socket.deliver(answer(socket.frames.get(0), sample("success-get-channels-empty").get("received")));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connector.getLateAnswerCount() == 1);
		assertThat(output.getOut().lines().filter((line) -> line.contains("test socket"))).noneMatch((line) -> line.contains("WARN"));
	}

	@Test
	void cancelledCallShouldLeaveNothingPending() {
		ScriptedSocket socket = connect((frame) -> null);
		Disposable call = reactiveClient().channels().list().subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> socket.frames.size() == 1);
		assertThat(this.connector.getInFlightCount()).isOne();
		call.dispose();
		assertThat(this.connector.getInFlightCount()).isZero();
	}

	@Test
	void answerWithoutRequestIdShouldBeLoggedOnceAndLeaveCallsWaiting(CapturedOutput output) {
		ScriptedSocket socket = connect((frame) -> null);
		Disposable call = reactiveClient().channels().list().subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> socket.frames.size() == 1);
		socket.deliver(sample("400-invalid-json-frame").get("received").toString());
		await().atMost(Duration.ofSeconds(5))
			.until(() -> output.getOut().contains("could not read a RESTRequest frame"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("WARN") && line.contains("test socket")))
			.singleElement()
			.asString()
			.contains("answered 400 Failed to parse request message JSON without a request id");
		assertThat(this.connector.getInFlightCount()).isOne();
		call.dispose();
	}

	@Test
	void closedConnectorShouldFailWaitingAndLaterCallsAtOnce() {
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		reactiveClient().channels().list().subscribe(null, errors::add);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connector.getWaitingCount() == 1);
		this.connector.close("the outbound socket ended");
		await().atMost(Duration.ofSeconds(2)).until(() -> errors.size() == 1);
		assertThat(errors.get(0)).hasMessageContaining("test socket is closed (the outbound socket ended)");
		Throwable later = catchThrowable(() -> client().channels().list());
		assertThat(later).isInstanceOf(AriConnectionException.class).hasMessageContaining("the call was not sent");
	}

	@Test
	void probeShouldTellWhetherAsteriskAnswers() {
		this.connector.setProbeOnConnect(true);
		assertThat(this.connector.isAnswering()).isFalse();
		ScriptedSocket socket = connect((frame) -> answer(frame, sample("success-get-asterisk-info").get("received")));
		await().atMost(Duration.ofSeconds(5)).until(this.connector::isAnswering);
		assertThat(normalized(socket.frames.get(0)))
			.isEqualTo(normalized(sample("success-get-asterisk-info").get("sent").toString()));
		this.connector.disconnected("closed by Asterisk");
		assertThat(this.connector.isAnswering()).isFalse();
	}

	private WebSocketRestConnector connector(Duration timeout) {
		return new WebSocketRestConnector(BASE_URI, "test socket", timeout);
	}

	private ScriptedSocket connect(Function<String, @Nullable String> answers) {
		ScriptedSocket socket = new ScriptedSocket(this.connector, this.reader, answers);
		this.connector.connected(socket);
		return socket;
	}

	private AriClientFactory factory() {
		return AriClientFactory.create(WebClient.builder().clientConnector(this.connector), "http://127.0.0.1:8088",
				"asterisk", "secret");
	}

	private AriClient client() {
		return AriClient.create(factory());
	}

	private ReactiveAriClient reactiveClient() {
		return ReactiveAriClient.create(factory());
	}

	static JsonNode sample(String name) {
		return AriSamples.MAPPER.readTree(AriSamples.read(BASE + name + ".json"));
	}

	/** The recorded answer, with the ids of the frame it answers. */
	static String answer(String frame, JsonNode recorded) {
		JsonNode request = AriSamples.MAPPER.readTree(frame);
		ObjectNode answer = (ObjectNode) recorded.deepCopy();
		answer.put("request_id", request.path("request_id").asString(""));
		answer.put("transaction_id", request.path("transaction_id").asString(""));
		return answer.toString();
	}

	static String answer(String frame, int status, String reason, String body) {
		ObjectNode answer = AriSamples.MAPPER.createObjectNode();
		answer.put("type", "RESTResponse");
		answer.put("request_id", AriSamples.MAPPER.readTree(frame).path("request_id").asString(""));
		answer.put("status_code", status);
		answer.put("reason_phrase", reason);
		answer.put("content_type", "application/json");
		answer.put("message_body", body);
		return answer.toString();
	}

	/**
	 * A RESTRequest as Asterisk reads it: without ids, with a query written in the uri moved
	 * to {@code query_strings} (Asterisk treats both alike).
	 */
	static JsonNode normalized(String frame) {
		ObjectNode json = (ObjectNode) AriSamples.MAPPER.readTree(frame);
		json.remove("request_id");
		json.remove("transaction_id");
		String uri = json.get("uri").asString();
		int question = uri.indexOf('?');
		if (question != -1) {
			ArrayNode query = AriSamples.MAPPER.createArrayNode();
			for (String pair : uri.substring(question + 1).split("&")) {
				String[] parts = pair.split("=", 2);
				query.addObject().put("name", parts[0]).put("value", parts[1]);
			}
			json.put("uri", uri.substring(0, question));
			json.set("query_strings", query);
		}
		return json;
	}

	/** A socket whose far end answers each frame with a function, on its own reader thread. */
	static final class ScriptedSocket implements WebSocketFrameSender {

		final List<String> frames = new CopyOnWriteArrayList<>();

		private final WebSocketRestConnector connector;

		private final Scheduler reader;

		private final Function<String, @Nullable String> answers;

		ScriptedSocket(WebSocketRestConnector connector, Scheduler reader, Function<String, @Nullable String> answers) {
			this.connector = connector;
			this.reader = reader;
			this.answers = answers;
		}

		@Override
		public Mono<Void> send(String frame) {
			this.frames.add(frame);
			String answer = this.answers.apply(frame);
			if (answer != null) {
				deliver(answer);
			}
			return Mono.empty();
		}

		void deliver(String answer) {
			this.reader.schedule(() -> this.connector.onFrame(answer.getBytes(StandardCharsets.UTF_8)));
		}

	}

}
