package io.github.arispring.test.simulator;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import io.github.arispring.test.simulator.RestApi.Answer;
import io.github.arispring.test.simulator.SimulatorSettings.User;

/**
 * Asterisk's HTTP server as seen from {@code /ari}: Basic authentication (or {@code api_key}) on
 * every request including the WebSocket upgrade, the events WebSocket, and the REST operations,
 * with Asterisk's headers, statuses and reason phrases. Runs on Netty's event loop and never
 * blocks it.
 */
final class AriHttpHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private static final String SERVER = "Asterisk/" + SimulatorState.VERSION;

	/** Asterisk's own error page (ast_http_error), byte for byte. */
	private static final String ERROR_PAGE = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n"
			+ "<html><head>\r\n<title>%d %s</title>\r\n</head><body>\r\n<h1>%s</h1>\r\n<p>%s</p>\r\n<hr />\r\n"
			+ "<address>" + SERVER + "</address>\r\n</body></html>\r\n";

	private static final int MAX_BODY = 1024 * 1024;

	private static final WebsocketServerSpec WEBSOCKET = WebsocketServerSpec.builder()
		.handlePing(false)
		.maxFramePayloadLength(MAX_BODY)
		.build();

	private static final WebsocketServerSpec ARI_PROTOCOL_WEBSOCKET = WebsocketServerSpec.builder()
		.protocols("ari")
		.handlePing(false)
		.maxFramePayloadLength(MAX_BODY)
		.build();

	private final SimulatorState state;

	private final RestApi api;

	AriHttpHandler(SimulatorState state) {
		this.state = state;
		this.api = new RestApi(state);
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		QueryStringDecoder uri = new QueryStringDecoder(request.uri());
		String rawPath = uri.rawPath();
		Map<String, List<String>> query = uri.parameters();
		String method = request.method().name();
		response.header(HttpHeaderNames.SERVER, SERVER)
			.header(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME
				.format(ZonedDateTime.now(this.state.settings.clock()).withZoneSameInstant(ZoneOffset.UTC)))
			.header(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store");
		if (!rawPath.equals("/ari") && !rawPath.startsWith("/ari/")) {
			return page(response, 404, "Not Found", "The requested URL was not found on this server.");
		}
		String path = rawPath.substring("/ari".length());
		User user = authenticate(request, query);
		if (user == null) {
			Answer unauthorized = new Answer(401, "Unauthorized", Wire.message("Authentication required"),
					Map.of("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\""),
					this.api.operation(method, path));
			return answer(response, logged(method, rawPath, query, "", unauthorized));
		}
		if ("GET".equals(method) && "/events".equals(path)) {
			return events(request, response, rawPath, query);
		}
		if (request.requestHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, 0) > MAX_BODY) {
			return answer(response, new Answer(413, "Request Entity Too Large", Wire.message("Request body too large"),
					Map.of(), null));
		}
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMap((body) -> answer(response,
					logged(method, rawPath, query, body, this.api.handle(method, path, query, body, user.readOnly()))));
	}

	private Mono<Void> events(HttpServerRequest request, HttpServerResponse response, String rawPath,
			Map<String, List<String>> query) {
		if (!request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
			Answer answer = RestApi.error(AriError.notImplemented("events.eventWebsocket",
					"GET /events without a WebSocket upgrade"));
			return answer(response, logged("GET", rawPath, query, "", answer));
		}
		List<String> applications = query.getOrDefault("app", List.of())
			.stream()
			.flatMap((value) -> Strings.csv(value).stream())
			.toList();
		if (applications.isEmpty()) {
			this.state.logRequest(new RecordedRequest("GET", rawPath, query, "", "events.eventWebsocket", 400, null));
			return page(response, 400, "Bad Request", "HTTP request is missing param: [app]");
		}
		boolean subscribeAll = isTrue(first(query, "subscribeAll"));
		this.state.logRequest(new RecordedRequest("GET", rawPath, query, "", "events.eventWebsocket", 101, null));
		return response.sendWebsocket((in, out) -> {
			EventSocket socket = this.state.sockets.open(applications, subscribeAll);
			in.withConnection(socket::attach);
			Mono<Void> closed = in.receive().then().doFinally((signal) -> socket.complete());
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
		return (protocols != null && Strings.csv(protocols).contains("ari")) ? ARI_PROTOCOL_WEBSOCKET
				: WEBSOCKET;
	}

	private @Nullable User authenticate(HttpServerRequest request, Map<String, List<String>> query) {
		String credentials;
		String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		else {
			credentials = first(query, "api_key");
		}
		int colon = (credentials != null) ? credentials.indexOf(':') : -1;
		if (colon < 0) {
			return null;
		}
		User user = this.state.settings.users().get(credentials.substring(0, colon));
		return (user != null && user.password().equals(credentials.substring(colon + 1))) ? user : null;
	}

	private Answer logged(String method, String rawPath, Map<String, List<String>> query, String body,
			Answer answer) {
		this.state.logRequest(new RecordedRequest(method, rawPath, query, body, answer.operation(), answer.status(),
				answer.body()));
		return answer;
	}

	private static Mono<Void> answer(HttpServerResponse response, Answer answer) {
		answer.headers().forEach(response::header);
		return send(response, answer.status(), answer.reason(), "application/json", answer.body());
	}

	private static Mono<Void> page(HttpServerResponse response, int status, String reason, String message) {
		return send(response, status, reason, "text/html",
				String.format(ERROR_PAGE, status, reason, reason, message));
	}

	/** Asterisk spells the header {@code Content-type}. */
	private static Mono<Void> send(HttpServerResponse response, int status, String reason, String contentType,
			@Nullable String body) {
		response.status(new HttpResponseStatus(status, reason));
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			response.header("Content-type", contentType);
		}
		response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length));
		return (bytes.length > 0) ? response.sendByteArray(Mono.just(bytes)).then() : response.send().then();
	}

	private static @Nullable String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/** Asterisk's ast_true. */
	private static boolean isTrue(@Nullable String value) {
		return value != null && List.of("yes", "true", "y", "t", "1", "on").contains(value.toLowerCase());
	}

}
