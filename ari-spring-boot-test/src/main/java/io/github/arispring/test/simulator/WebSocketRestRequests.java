package io.github.arispring.test.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.github.arispring.event.RESTResponse;

import io.github.arispring.test.simulator.RestApi.Answer;

/**
 * REST requests sent as {@code RESTRequest} frames on an events WebSocket, answered with
 * {@code RESTResponse} frames on the same socket as Asterisk 20.14, 21.9, 22.4 and later do
 * ({@code res/ari/ari_websocket_requests.c}): one at a time in the order they came, by the same
 * operations as over HTTP, with the same bodies, and with Asterisk's checks and quirks: the
 * {@code uri} is relative to {@code /ari/}, a leading slash gives 405, a query may be in the
 * {@code uri} (decoded) or in {@code query_strings} (taken literally), a body is a JSON string in
 * {@code message_body} with its {@code content_type}, the echoed {@code uri} has no query, and a
 * frame that is not JSON gets a 400 without ids.
 */
final class WebSocketRestRequests {

	private static final String BAD_REQUEST = "Bad request";

	private static final List<String> METHODS = List.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS");

	private final SimulatorState state;

	private final RestApi api;

	WebSocketRestRequests(SimulatorState state, RestApi api) {
		this.state = state;
		this.api = api;
	}

	/**
	 * Answers one text frame received on a socket, on that socket.
	 * @param socket the socket
	 * @param frame the frame's text
	 * @param readOnly whether the socket's user may only read
	 */
	void receive(EventSocket socket, String frame, boolean readOnly) {
		String answer = answer(frame, socket.applications.get(0), readOnly);
		this.state.locked(() -> socket.send(answer));
	}

	private String answer(String frame, String application, boolean readOnly) {
		JsonNode json;
		try {
			json = Wire.MAPPER.readTree(frame);
		}
		catch (JacksonException ex) {
			return response(null, 400, "Failed to parse request message JSON", "", null, application);
		}
		Request request = new Request(json);
		String type = text(json, "type");
		if (type == null || type.isEmpty()) {
			return failure(request, "No 'type' property.", "", application);
		}
		if (!"RESTRequest".equals(type)) {
			return failure(request, "Unknown request type.", "", application);
		}
		String uri = text(json, "uri");
		if (uri == null || uri.isEmpty()) {
			return failure(request, "Empty or missing 'uri' property.", "", application);
		}
		Map<String, List<String>> query = new LinkedHashMap<>();
		int question = uri.indexOf('?');
		if (question != -1) {
			form(uri.substring(question + 1), query);
			uri = uri.substring(0, question);
		}
		String method = text(json, "method");
		if (method == null || !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
			return failure(request, "Unknown or missing 'method' property.", uri, application);
		}
		method = method.toUpperCase(Locale.ROOT);
		JsonNode queryStrings = json.get("query_strings");
		if (queryStrings != null && !queryStrings.isNull()) {
			if (!queryStrings.isArray()) {
				return failure(request, "Unable to parse 'query_strings' array.", uri, application);
			}
			for (JsonNode parameter : queryStrings) {
				String name = text(parameter, "name");
				String value = text(parameter, "value");
				if (name == null || value == null) {
					return failure(request, "Unable to parse 'query_strings' array.", uri, application);
				}
				query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
		}
		String body = text(json, "message_body");
		String jsonBody = "";
		if (body != null && !body.isEmpty()) {
			String contentType = text(json, "content_type");
			if (contentType == null || contentType.isEmpty()) {
				return failure(request, "No 'content_type' for 'message_body'.", uri, application);
			}
			if (contentType.equals("application/x-www-form-urlencoded")) {
				form(body, query);
			}
			else if (contentType.equals("application/json")) {
				try {
					Wire.MAPPER.readTree(body);
				}
				catch (JacksonException ex) {
					return failure(request, "Unable to parse 'message_body' as 'application/json'.", uri, application);
				}
				jsonBody = body;
			}
			else {
				return failure(request, "Unknown content type.", uri, application);
			}
		}
		Answer answer;
		if (uri.startsWith("/")) {
			// Asterisk's path walk stops at the empty first segment: the root, which has no methods.
			answer = RestApi.error(AriError.of(405, "Method Not Allowed", "Invalid method"));
		}
		else {
			answer = this.api.handle(method, "/" + uri, query, jsonBody, readOnly);
		}
		this.state.logRequest(new RecordedRequest(method, "/ari/" + uri, query, jsonBody, answer.operation(),
				answer.status(), answer.body(), true));
		return response(request, answer.status(), answer.reason(), uri, answer.body(), application);
	}

	private String failure(Request request, String message, String uri, String application) {
		return response(request, 400, BAD_REQUEST, uri, Wire.message(message), application);
	}

	private String response(@Nullable Request request, int status, String reason, String uri, @Nullable String body,
			String application) {
		RESTResponse response = new RESTResponse("RESTResponse", this.state.now(),
				(request != null) ? request.transactionId : "", (request != null) ? request.requestId : "", status,
				reason, uri, (body != null) ? "application/json" : null, body, this.state.id(), null, null);
		return Wire.frame(Wire.event(response), application);
	}

	/** Query parameters as Asterisk's {@code ast_http_parse_post_form} reads them. */
	private static void form(String text, Map<String, List<String>> query) {
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals != -1) ? pair.substring(0, equals) : pair);
			String value = (equals != -1) ? decode(pair.substring(equals + 1)) : "";
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
	}

	/** Asterisk's {@code ast_uri_decode} in its legacy mode: {@code %XX}, and {@code +} as a space. */
	private static String decode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '+') {
				bytes.write(' ');
			}
			else if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
				bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
				i += 2;
			}
			else {
				bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) != -1;
	}

	private static @Nullable String text(JsonNode json, String name) {
		JsonNode value = json.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/** The ids a request carries, echoed in its answer whatever happens to it. */
	private static final class Request {

		private final String transactionId;

		private final String requestId;

		Request(JsonNode json) {
			String transactionId = text(json, "transaction_id");
			String requestId = text(json, "request_id");
			this.transactionId = (transactionId != null) ? transactionId : "";
			this.requestId = (requestId != null) ? requestId : "";
		}

	}

}
