package io.github.arispring.test.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriException;
import io.github.arispring.model.Application;
import io.github.arispring.model.AsteriskInfo;
import io.github.arispring.model.AsteriskPing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The protocol around the operations: authentication, the events WebSocket, headers, and what
 * the simulator refuses to pretend.
 */
class ProtocolTests extends AbstractSimulatorTests {

	@Test
	void restNeedsTheRightCredentials() {
		for (String authorization : new String[] { null, EventStream.basic("asterisk", "wrong"), EventStream.basic("nobody", "asterisk") }) {
			RawHttp.Response response = RawHttp.request(this.simulator, "GET", "/ari/asterisk/info", Map.of(), null,
					authorization, Map.of());
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.reason()).isEqualTo("Unauthorized");
			assertThat(response.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"Asterisk REST Interface\"");
			assertThat(response.body()).isEqualTo("{\"message\":\"Authentication required\"}");
		}
		AriClient wrong = AriClient.create(AriClientFactory.create(WebClient.builder(), this.simulator.baseUri().toString(),
				"asterisk", "wrong"));
		assertThatExceptionOfType(AriException.Unauthorized.class).isThrownBy(() -> wrong.asterisk().ping());
		assertThat(RawHttp.request(this.simulator, "GET", "/ari/asterisk/ping", Map.of("api_key", "asterisk:asterisk"), null,
				null, Map.of()).status()).isEqualTo(200);
	}

	@Test
	void theWebSocketUpgradeNeedsCredentialsAndAnApplication() {
		Map<String, String> upgrade = Map.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Version",
				"13", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		RawHttp.Response unauthorized = RawHttp.request(this.simulator, "GET", "/ari/events", Map.of("app", "x"), null,
				EventStream.basic("asterisk", "wrong"), upgrade);
		assertThat(unauthorized.status()).isEqualTo(401);
		assertThat(unauthorized.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"Asterisk REST Interface\"");
		RawHttp.Response missingApp = RawHttp.request(this.simulator, "GET", "/ari/events", Map.of(), null,
				EventStream.basic("asterisk", "asterisk"), upgrade);
		assertThat(missingApp.status()).isEqualTo(400);
		assertThat(missingApp.headers().get("Content-Type")).isEqualTo("text/html");
		assertThat(missingApp.body()).contains("<p>HTTP request is missing param: [app]</p>");
		assertThat(this.simulator.applications()).isEmpty();
	}

	@Test
	void answersHaveAsteriskHeaders() {
		RawHttp.Response response = RawHttp.get(this.simulator, "/ari/asterisk/ping");
		assertThat(response.headers().get("Server")).isEqualTo("Asterisk/23.4.1");
		assertThat(response.headers().get("Cache-Control")).isEqualTo("no-cache, no-store");
		assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
		assertThat(response.headers().names()).contains("Content-type");
		assertThat(response.headers().getInt("Content-Length")).isEqualTo(response.body().length());
		assertThat(response.body()).matches(
				"\\{\"ping\":\"pong\",\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000\",\"asterisk_id\":\"02:fc:00:00:00:01\"}");
	}

	@Test
	void asteriskInfoAndPing() {
		AsteriskInfo info = this.client.asterisk().getInfo(null);
		assertThat(info.system().version()).isEqualTo("23.4.1");
		assertThat(info.system().entityId()).isEqualTo("02:fc:00:00:00:01");
		assertThat(info.build().date()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
		assertThat(info.config().defaultLanguage()).isEqualTo("en");
		assertThat(info.status().startupTime()).isNotNull();
		AsteriskInfo only = this.client.asterisk().getInfo(List.of("system", "status"));
		assertThat(only.build()).isNull();
		assertThat(only.status()).isNotNull();
		AsteriskPing ping = this.client.asterisk().ping();
		assertThat(ping.ping()).isEqualTo("pong");
		this.client.asterisk().setGlobalVar("GREETING", "hello");
		assertThat(this.client.asterisk().getGlobalVar("GREETING").value()).isEqualTo("hello");
		assertThat(this.client.asterisk().getGlobalVar("UNSET").value()).isEmpty();
	}

	@Test
	void applicationsExistWhileASocketHasThem() {
		try (EventStream events = EventStream.connect(this.simulator, "one", "two")) {
			assertThat(this.client.applications().list()).extracting(Application::name).containsExactly("one", "two");
			Call call = this.simulator.incomingCall("1").into("one");
			Application one = this.client.applications().get("one");
			assertThat(one.channelIds()).containsExactly(call.id());
			assertThat(one.endpointIds()).isEmpty();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.applications().isEmpty());
		assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> this.client.applications().get("one"))
			.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Application not found"));
	}

	@Test
	void aSecondSocketReplacesTheApplicationAsRecorded() {
		try (EventStream first = EventStream.connect(this.simulator, "flow6")) {
			try (EventStream second = EventStream.connectWithQuery(this.simulator, "app=flow6", "flow6")) {
				JsonOf replaced = new JsonOf(first.next("ApplicationReplaced").toString());
				assertThat(replaced.keys()).containsExactly("type", "timestamp", "application", "asterisk_id");
				this.simulator.incomingCall("1").into("flow6");
				second.next("StasisStart");
				first.assertNoMore(Duration.ofMillis(100));
			}
			// The newer socket closed: the application is gone although the older one is open.
			assertThat(this.simulator.requests("events.eventWebsocket")).hasSize(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !this.simulator.applications().contains("flow6"));
		}
	}

	@Test
	void pingsAreAnswered() throws InterruptedException {
		BlockingQueue<WebSocketFrame> frames = new LinkedBlockingQueue<>();
		Disposable connection = HttpClient.create()
			.headers((headers) -> headers.set("Authorization", EventStream.basic("asterisk", "asterisk")))
			.websocket(WebsocketClientSpec.builder().handlePing(true).build())
			.uri(URI.create(this.simulator.eventsUri() + "?app=pinger"))
			.handle((in, out) -> out
				.sendObject(Mono.just(new PingWebSocketFrame(Unpooled.copiedBuffer("are you there", StandardCharsets.UTF_8))))
				.then()
				.thenMany(in.receiveFrames().doOnNext((frame) -> frames.add(frame.retain())))
				.then())
			.subscribe();
		try {
			WebSocketFrame frame = frames.poll(5, TimeUnit.SECONDS);
			assertThat(frame).isInstanceOf(PongWebSocketFrame.class);
			assertThat(frame.content().toString(StandardCharsets.UTF_8)).isEqualTo("are you there");
			frame.release();
		}
		finally {
			connection.dispose();
		}
	}

	@Test
	void disconnectAllDropsTheSockets() {
		try (EventStream events = EventStream.connect(this.simulator, "dropped")) {
			this.simulator.disconnectAll();
			assertThat(this.simulator.applications()).isEmpty();
			events.assertNoMore(Duration.ofMillis(100));
		}
	}

	@Test
	void aReadOnlyUserCannotWrite() {
		RawHttp.Response response = RawHttp.request(this.simulator, "POST", "/ari/asterisk/variable",
				Map.of("variable", "X", "value", "1"), null, EventStream.basic("readonly", "readonly"), Map.of());
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"message\":\"Write access denied\"}");
		assertThat(RawHttp.request(this.simulator, "GET", "/ari/asterisk/info", Map.of(), null,
				EventStream.basic("readonly", "readonly"), Map.of()).status()).isEqualTo(200);
	}

	@Test
	void unimplementedOperationsSaySo() {
		RawHttp.Response response = RawHttp.get(this.simulator, "/ari/sounds");
		assertThat(response.status()).isEqualTo(501);
		assertThat(response.body())
			.isEqualTo("{\"message\":\"The ARI simulator does not implement sounds.list (GET /sounds)\"}");
		assertThatExceptionOfType(AriException.ServerError.class).isThrownBy(() -> this.client.endpoints().list())
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(501));
		assertThat(this.simulator.requests("endpoints.list")).singleElement()
			.satisfies((request) -> assertThat(request.status()).isEqualTo(501));
	}

	@Test
	void unknownResourcesAndMethodsAreAsteriskErrors() {
		RawHttp.Response unknown = RawHttp.get(this.simulator, "/ari/no-such-resource");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).isEqualTo("{\"message\":\"Resource not found\"}");
		RawHttp.Response patch = RawHttp.request(this.simulator, "PATCH", "/ari/channels", Map.of(), null,
				EventStream.basic("asterisk", "asterisk"), Map.of());
		assertThat(patch.status()).isEqualTo(405);
		assertThat(patch.headers().get("Allow")).isEqualTo("OPTIONS,GET,POST");
		RawHttp.Response outside = RawHttp.get(this.simulator, "/elsewhere");
		assertThat(outside.status()).isEqualTo(404);
		assertThat(outside.headers().get("Content-Type")).isEqualTo("text/html");
	}

	@Test
	void requestsAreLogged() {
		try (EventStream events = EventStream.connect(this.simulator, "logged")) {
			Call call = this.simulator.incomingCall("1").into("logged");
			this.client.channels().answer(call.id());
			assertThat(this.simulator.requests("channels.answer")).singleElement().satisfies((request) -> {
				assertThat(request.method()).isEqualTo("POST");
				assertThat(request.path()).isEqualTo("/ari/channels/" + call.id() + "/answer");
				assertThat(request.status()).isEqualTo(204);
				assertThat(request.responseBody()).isNull();
			});
			assertThat(this.simulator.requests("events.eventWebsocket")).singleElement()
				.satisfies((request) -> assertThat(request.queryParam("app")).isEqualTo("logged"));
		}
	}

	/** The keys of a frame, in order. */
	private record JsonOf(String json) {

		List<String> keys() {
			return List.copyOf(EventStream.JSON.readTree(this.json).propertyNames());
		}

	}

}
