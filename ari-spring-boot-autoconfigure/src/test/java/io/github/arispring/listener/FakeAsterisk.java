package io.github.arispring.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.arispring.autoconfigure.AriAutoConfiguration;

/**
 * An in-process events WebSocket speaking like Asterisk: {@code /ari/events?app=...} with
 * Basic credentials, frames sent as text, 401 with Asterisk's body for wrong credentials.
 * RESTRequest frames received on the socket are logged and, with a
 * {@link #answerRestRequests responder}, answered on the same socket; without one they are
 * ignored, as Asterisk before 20.14 does. Other HTTP requests under {@code /ari} are logged and
 * answered by the {@link #answerHttp HTTP responder}, 404 without one.
 */
final class FakeAsterisk implements AutoCloseable {

	static final String USER = "asterisk";

	static final String PASSWORD = "s3cret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private final List<String> queries = new CopyOnWriteArrayList<>();

	private final AtomicInteger attempts = new AtomicInteger();

	private volatile boolean rejectCredentials;

	private volatile boolean answerPings = true;

	private volatile Upgrade upgrade = Upgrade.ACCEPT;

	private volatile @Nullable JsonNode refusal;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final Map<String, String> channels = new ConcurrentHashMap<>();
	private final List<String> restRequests = new CopyOnWriteArrayList<>();

	private final List<String> httpRequests = new CopyOnWriteArrayList<>();

	private volatile @Nullable Function<String, @Nullable String> restResponder;

	private volatile @Nullable Function<HttpServerRequest, @Nullable HttpAnswer> httpResponder;

	private DisposableServer server;

	private KeyManagerFactory tls;

	private int port;

	FakeAsterisk start() {
		return start(0);
	}

	/** Serves https and wss with the given key instead of http and ws. */
	FakeAsterisk tls(KeyManagerFactory keys) {
		this.tls = keys;
		return this;
	}

	FakeAsterisk start(int port) {
		HttpServer server = HttpServer.create().host("127.0.0.1").port(port);
		if (this.tls != null) {
			KeyManagerFactory keys = this.tls;
			server = server.secure((ssl) -> ssl.sslContext(Http11SslContextSpec.forServer(keys)));
		}
		this.server = server
			.route((routes) -> routes.get("/ari/asterisk/info", (request, response) -> response
				.header("Content-Type", "application/json")
				.sendString(Mono.just(resource("rest/asterisk/getInfo.json")))
				.then())
				.get("/ari/channels/{channelId}", (request, response) -> {
					String channel = this.channels.get(request.param("channelId"));
					return (channel != null) ? response.header("Content-Type", "application/json")
						.sendString(Mono.just(channel))
						.then() : answer(response, "rest/errors/404-channel-not-found.json");
				})
				.delete("/ari/channels/{channelId}", (request, response) -> channelRequest(request, response))
				.post("/ari/channels/{channelId}/continue", (request, response) -> channelRequest(request, response))
				.get("/ari/events", (request, response) -> {
				this.attempts.incrementAndGet();
				this.queries.add(request.uri());
				String expected = "Basic " + Base64.getEncoder()
					.encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
				if (this.rejectCredentials || !expected.equals(request.requestHeaders().get("Authorization"))) {
					return response.status(HttpResponseStatus.UNAUTHORIZED)
						.header("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\"")
						.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"message\":\"Authentication required\"}"))
						.then();
				}
				return switch (this.upgrade) {
					case ACCEPT -> response.sendWebsocket(this::session,
							WebsocketServerSpec.builder().protocols("ari").handlePing(!this.answerPings).build());
					case REFUSE -> answer(response, this.refusal);
					case WITHOUT_SUBPROTOCOL -> response.sendWebsocket(this::session,
							WebsocketServerSpec.builder().handlePing(!this.answerPings).build());
					case HANG_UP -> response.withConnection(reactor.netty.Connection::dispose).then(Mono.never());
					case IGNORE -> Mono.never();
				};
			}).route((request) -> request.uri().startsWith("/ari/"), this::answerHttp))
			.bindNow();
		this.port = this.server.port();
		return this;
	}

	private Mono<Void> channelRequest(HttpServerRequest request, HttpServerResponse response) {
		String channelId = request.param("channelId");
		this.requests.add(request.method().name() + " " + request.uri());
		return this.channels.containsKey(channelId) ? response.status(HttpResponseStatus.NO_CONTENT).send()
				: answer(response, "rest/errors/404-hangup-channel-not-found.json");
	}

	/** Answers as recorded in an {@code rest/errors/} sample: status, content type, body. */
	private static Mono<Void> answer(HttpServerResponse response, String sample) {
		return answer(response, JSON.readTree(resource(sample)));
	}

	private static Mono<Void> answer(HttpServerResponse response, @Nullable JsonNode recorded) {
		if (recorded == null) {
			return response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR).send();
		}
		JsonNode body = recorded.get("body");
		response.status(recorded.get("status").asInt());
		recorded.get("headers").properties().forEach((header) -> {
			if (header.getKey().equals("content-type") || header.getKey().equals("www-authenticate")) {
				response.header(header.getKey(), header.getValue().asString());
			}
		});
		return response.sendString(Mono.just(body.isString() ? body.asString() : body.toString())).then();
	}

	private Mono<Void> session(WebsocketInbound in, WebsocketOutbound out) {
		Connection connection = new Connection();
		this.connections.add(connection);
		Mono<Void> inbound = in.receiveFrames()
			.filter(TextWebSocketFrame.class::isInstance)
			.doOnNext((frame) -> restRequest(connection, ((TextWebSocketFrame) frame).text()))
			.then();
		Mono<Void> outbound = out.sendString(connection.frames.asFlux()).then();
		return Mono.firstWithSignal(inbound, outbound).doFinally((signal) -> this.connections.remove(connection));
	}

	private void restRequest(Connection connection, String text) {
		this.restRequests.add(text);
		Function<String, @Nullable String> responder = this.restResponder;
		String answer = (responder != null) ? responder.apply(text) : null;
		if (answer != null) {
			connection.frames.emitNext(answer, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5)));
		}
	}

	private Publisher<Void> answerHttp(HttpServerRequest request, HttpServerResponse response) {
		this.httpRequests.add(request.method().name() + " " + request.uri());
		Function<HttpServerRequest, @Nullable HttpAnswer> responder = this.httpResponder;
		HttpAnswer answer = (responder != null) ? responder.apply(request) : null;
		if (answer == null) {
			return response.status(HttpResponseStatus.NOT_FOUND)
				.header("Content-Type", "application/json")
				.sendString(Mono.just("{\"message\":\"Resource not found\"}"));
		}
		answer.headers().forEach(response::header);
		return response.status(answer.status()).sendByteArray(Mono.just(answer.body()));
	}

	/**
	 * Answers RESTRequest frames: the responder gets each frame's text and returns the
	 * RESTResponse frame to send back, or {@code null} to stay silent.
	 */
	void answerRestRequests(@Nullable Function<String, @Nullable String> responder) {
		this.restResponder = responder;
	}

	/** Answers HTTP requests under {@code /ari} other than the events WebSocket. */
	void answerHttp(@Nullable Function<HttpServerRequest, @Nullable HttpAnswer> responder) {
		this.httpResponder = responder;
	}

	/** The texts of the frames received on the events WebSockets, in order. */
	List<String> restRequests() {
		return List.copyOf(this.restRequests);
	}

	/** The HTTP requests answered by the HTTP responder: method and URI with query. */
	List<String> httpRequests() {
		return List.copyOf(this.httpRequests);
	}

	int port() {
		return this.port;
	}

	/**
	 * A context runner with the ARI auto-configuration (and the given ones) logged in to this
	 * server, reconnecting quickly.
	 */
	ApplicationContextRunner contextRunner(Class<?>... autoConfigurations) {
		List<Class<?>> classes = new ArrayList<>(List.of(WebClientAutoConfiguration.class, AriAutoConfiguration.class));
		classes.addAll(List.of(autoConfigurations));
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(classes.toArray(Class<?>[]::new)))
			.withPropertyValues("ari.url=" + url(), "ari.username=" + USER, "ari.password=" + PASSWORD,
					"ari.listener.reconnect.initial-delay=50ms", "ari.listener.reconnect.max-delay=400ms");
	}

	String url() {
		return ((this.tls != null) ? "https" : "http") + "://127.0.0.1:" + this.port;
	}

	void rejectCredentials(boolean reject) {
		this.rejectCredentials = reject;
	}

	void answerPings(boolean answer) {
		this.answerPings = answer;
	}

	/** Refuses every WebSocket upgrade as recorded in an {@code rest/errors/} sample. */
	void refuseUpgrade(String sample) {
		this.refusal = JSON.readTree(resource(sample));
		this.upgrade = Upgrade.REFUSE;
	}

	/** Answers WebSocket upgrades in another way than Asterisk does. */
	void answerUpgrade(Upgrade upgrade) {
		this.upgrade = upgrade;
	}

	/** Serves a channel, as recorded in a frame's {@code channel}, at {@code GET /channels/{id}}. */
	void channel(JsonNode channel) {
		this.channels.put(channel.get("id").asString(), channel.toString());
	}

	/** The hang-up and continue requests received, such as {@code DELETE /ari/channels/1.1}. */
	List<String> channelRequests() {
		return List.copyOf(this.requests);
	}

	int attempts() {
		return this.attempts.get();
	}

	List<String> queries() {
		return List.copyOf(this.queries);
	}

	int openConnections() {
		return this.connections.size();
	}

	boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.connections.size() < count) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(10);
		}
		return true;
	}

	/** Sends frames, in order, to every open connection. */
	void send(List<String> frames) {
		for (Connection connection : this.connections) {
			for (String frame : frames) {
				connection.frames.emitNext(frame, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5)));
			}
		}
	}

	void send(String frame) {
		send(List.of(frame));
	}

	/** Closes every open connection from the server's side. */
	void closeConnections() {
		for (Connection connection : this.connections) {
			connection.frames.tryEmitComplete();
		}
	}

	/** Stops as Asterisk does on shutdown: open WebSockets are closed, then the port. */
	void stop() {
		closeConnections();
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(5));
			this.server = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** The frames of a recorded flow, one per line. */
	static List<String> frames(String resource) {
		List<String> frames = new ArrayList<>();
		for (String line : resource(resource).split("\n")) {
			if (!line.isBlank()) {
				frames.add(line.strip());
			}
		}
		return frames;
	}

	/** A recorded sample as text. */
	static String resource(String resource) {
		try (InputStream in = FakeAsterisk.class.getResourceAsStream("/ari-samples/" + resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource ari-samples/" + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How the events WebSocket upgrade is answered. */
	enum Upgrade {

		/** As Asterisk does: 101 with the {@code ari} subprotocol. */
		ACCEPT,

		/** With the sample given to {@link #refuseUpgrade}. */
		REFUSE,

		/** 101 without a subprotocol. */
		WITHOUT_SUBPROTOCOL,

		/** The connection is closed without an answer. */
		HANG_UP,

		/** No answer at all. */
		IGNORE

	}

	/** An HTTP answer. */
	record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

		static HttpAnswer json(int status, String body) {
			return new HttpAnswer(status, Map.of("Content-Type", "application/json"),
					body.getBytes(StandardCharsets.UTF_8));
		}

	}

	private static final class Connection {

		private final Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();

	}

}
