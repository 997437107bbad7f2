package io.github.arispring.test.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import io.github.arispring.test.simulator.RestApi.Answer;

/**
 * The events WebSocket, {@code GET /ari/events?app=...}, once {@link AriHttpHandler} has
 * authenticated the upgrade request: registers the applications with {@link Sockets}, streams
 * the socket's frames until either side closes, and answers the REST requests sent on it
 * ({@link WebSocketRestRequests}) with the rights of the user who opened it. Runs on Netty's
 * event loop and never blocks it.
 */
final class EventsWebSocket {

	private static final String OPERATION = "events.eventWebsocket";

	private static final WebsocketServerSpec WEBSOCKET = WebsocketServerSpec.builder()
		.handlePing(false)
		.maxFramePayloadLength(AriHttpHandler.MAX_BODY)
		.build();

	private static final WebsocketServerSpec ARI_PROTOCOL_WEBSOCKET = WebsocketServerSpec.builder()
		.protocols("ari")
		.handlePing(false)
		.maxFramePayloadLength(AriHttpHandler.MAX_BODY)
		.build();

	private final SimulatorState state;

	private final WebSocketRestRequests restRequests;

	EventsWebSocket(SimulatorState state, WebSocketRestRequests restRequests) {
		this.state = state;
		this.restRequests = restRequests;
	}

	Mono<Void> upgrade(HttpServerRequest request, HttpServerResponse response, String rawPath,
			Map<String, List<String>> query, boolean readOnly) {
		if (!request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
			Answer answer = RestApi
				.error(AriError.notImplemented(OPERATION, "GET /events without a WebSocket upgrade"));
			this.state.logRequest(new RecordedRequest("GET", rawPath, query, "", answer.operation(), answer.status(),
					answer.body()));
			return AriHttpHandler.answer(response, answer);
		}
		List<String> applications = query.getOrDefault("app", List.of())
			.stream()
			.flatMap((value) -> Strings.csv(value).stream())
			.toList();
		if (applications.isEmpty()) {
			this.state.logRequest(new RecordedRequest("GET", rawPath, query, "", OPERATION, 400, null));
			return AriHttpHandler.page(response, 400, "Bad Request", "HTTP request is missing param: [app]");
		}
		boolean subscribeAll = isTrue(AriHttpHandler.first(query, "subscribeAll"));
		this.state.logRequest(new RecordedRequest("GET", rawPath, query, "", OPERATION, 101, null));
		return response.sendWebsocket((in, out) -> {
			EventSocket socket = this.state.sockets.open(applications, subscribeAll);
			in.withConnection(socket::attach);
			// Frames other than text are ignored, as Asterisk does.
			Mono<Void> closed = in.aggregateFrames(AriHttpHandler.MAX_BODY)
				.receiveFrames()
				.doOnNext((frame) -> {
					if (frame instanceof TextWebSocketFrame text) {
						this.restRequests.receive(socket, text.text(), readOnly);
					}
				})
				.then()
				.doFinally((signal) -> socket.complete());
			return Mono.when(out.sendString(socket.frames(), StandardCharsets.UTF_8).then(), closed)
				.doFinally((signal) -> this.state.sockets.close(socket));
		}, websocketSpec(request));
	}

	/**
	 * Asterisk's events socket speaks the {@code ari} subprotocol to clients that ask for it.
	 * Reactor Netty runs a handler with protocols only once one is agreed, hence two specs.
	 */
	private static WebsocketServerSpec websocketSpec(HttpServerRequest request) {
		String protocols = request.requestHeaders().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
		return (protocols != null && Strings.csv(protocols).contains("ari")) ? ARI_PROTOCOL_WEBSOCKET : WEBSOCKET;
	}

	/** Asterisk's ast_true. */
	private static boolean isTrue(@Nullable String value) {
		return value != null && List.of("yes", "true", "y", "t", "1", "on").contains(value.toLowerCase());
	}

}
