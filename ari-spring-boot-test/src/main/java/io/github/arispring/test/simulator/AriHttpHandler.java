package io.github.arispring.test.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import io.github.arispring.test.simulator.RestApi.Answer;
import io.github.arispring.test.simulator.SimulatorSettings.User;

/**
 * Asterisk's HTTP server as seen from {@code /ari}: Basic authentication (or {@code api_key}) on
 * every request including the WebSocket upgrade, and the REST operations, with Asterisk's
 * headers, statuses and reason phrases; the events WebSocket is {@link EventsWebSocket}'s. Runs
 * on Netty's event loop and never blocks it.
 */
final class AriHttpHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private static final String SERVER = "Asterisk/" + SimulatorState.VERSION;

	/** Asterisk's own error page (ast_http_error), byte for byte. */
	private static final String ERROR_PAGE = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n"
			+ "<html><head>\r\n<title>%d %s</title>\r\n</head><body>\r\n<h1>%s</h1>\r\n<p>%s</p>\r\n<hr />\r\n"
			+ "<address>" + SERVER + "</address>\r\n</body></html>\r\n";

	static final int MAX_BODY = 1024 * 1024;

	private final SimulatorState state;

	private final RestApi api;

	private final EventsWebSocket events;

	AriHttpHandler(SimulatorState state) {
		this.state = state;
		this.api = new RestApi(state);
		this.events = new EventsWebSocket(state, new WebSocketRestRequests(state, this.api));
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
			return this.events.upgrade(request, response, rawPath, query, user.readOnly());
		}
		if (request.requestHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, 0) > MAX_BODY) {
			return answer(response, new Answer(413, "Request Entity Too Large", Wire.message("Request body too large"),
					Map.of(), null));
		}
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMap((body) -> delayed(answer(response,
					logged(method, rawPath, query, body, this.api.handle(method, path, query, body, user.readOnly())))));
	}

	/** The answer, after the configured delay; the request has been carried out already. */
	private Mono<Void> delayed(Mono<Void> answer) {
		Duration delay = this.state.settings.responseDelay();
		return delay.isZero() ? answer : Mono.delay(delay).then(answer);
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

	static Mono<Void> answer(HttpServerResponse response, Answer answer) {
		answer.headers().forEach(response::header);
		return send(response, answer.status(), answer.reason(), "application/json", answer.body());
	}

	/** Asterisk's HTML error page, for errors outside ARI's own. */
	static Mono<Void> page(HttpServerResponse response, int status, String reason, String message) {
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

	static @Nullable String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

}
