package io.github.arispring.listener;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request as Asterisk reads it, from a RESTRequest frame or an HTTP request line, following
 * {@code res/ari/ari_websocket_requests.c} and {@code ast_ari_invoke}: the path is split at
 * {@code /} and then each segment is decoded ({@code %XX}, and {@code +} as a space); query
 * parameters in the request line are decoded the same way, while {@code query_strings} values
 * are taken literally.
 * @param method the method
 * @param uri the uri as sent, relative to {@code /ari/}, without its query
 * @param segments the path segments, decoded
 * @param query the query parameters, decoded
 * @param contentType the body's content type
 * @param body the body
 * @param requestId the request id, or {@code null}
 * @param transactionId the transaction id, or {@code null}
 */
record AsteriskRestRequest(String method, String uri, List<String> segments, List<Map.Entry<String, String>> query,
		@Nullable String contentType, @Nullable String body, @Nullable String requestId,
		@Nullable String transactionId) {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Reads a RESTRequest frame. */
	static AsteriskRestRequest fromFrame(String frame) {
		JsonNode json = JSON.readTree(frame);
		String uri = json.path("uri").asString("");
		List<Map.Entry<String, String>> query = new ArrayList<>();
		int question = uri.indexOf('?');
		if (question != -1) {
			query.addAll(decodeQuery(uri.substring(question + 1)));
			uri = uri.substring(0, question);
		}
		for (JsonNode parameter : json.path("query_strings")) {
			query.add(Map.entry(parameter.path("name").asString(), parameter.path("value").asString()));
		}
		return new AsteriskRestRequest(json.path("method").asString(null), uri, segments(uri), query,
				json.path("content_type").asString(null), json.path("message_body").asString(null),
				json.path("request_id").asString(null), json.path("transaction_id").asString(null));
	}

	/** Reads an HTTP request line's target, such as {@code /ari/channels/x?a=b}. */
	static AsteriskRestRequest fromHttp(String method, String target, @Nullable String body,
			@Nullable String contentType) {
		String path = target;
		List<Map.Entry<String, String>> query = List.of();
		int question = target.indexOf('?');
		if (question != -1) {
			query = decodeQuery(target.substring(question + 1));
			path = target.substring(0, question);
		}
		String uri = path.substring("/ari/".length());
		return new AsteriskRestRequest(method, uri, segments(uri), query, contentType, body, null, null);
	}

	private static List<String> segments(String uri) {
		List<String> segments = new ArrayList<>();
		for (String segment : uri.split("/", -1)) {
			segments.add(decode(segment));
		}
		return segments;
	}

	private static List<Map.Entry<String, String>> decodeQuery(String query) {
		List<Map.Entry<String, String>> parameters = new ArrayList<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			parameters.add(Map.entry(decode((equals != -1) ? pair.substring(0, equals) : pair),
					decode((equals != -1) ? pair.substring(equals + 1) : "")));
		}
		return parameters;
	}

	// ast_uri_decode with ast_uri_http_legacy
	static String decode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' && i + 2 < text.length()) {
				bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else if (c == '+') {
				bytes.write(' ');
			}
			else {
				byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(utf8, 0, utf8.length);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** The decoded path, segments joined by {@code /}. */
	String path() {
		return String.join("/", this.segments);
	}

	/**
	 * Asterisk's answer to this request, its key order as recorded: the ids echoed, the uri
	 * without its query, no body fields without a body.
	 */
	String answer(int status, String reason, @Nullable String body) {
		ObjectNode json = JSON.createObjectNode();
		json.put("type", "RESTResponse");
		json.put("transaction_id", (this.transactionId != null) ? this.transactionId : "");
		json.put("request_id", (this.requestId != null) ? this.requestId : "");
		json.put("status_code", status);
		json.put("reason_phrase", reason);
		json.put("uri", this.uri);
		if (body != null) {
			json.put("content_type", "application/json");
			json.put("message_body", body);
		}
		json.put("application", "rows-app");
		json.put("timestamp", "2026-11-28T03:30:49.917+0000");
		json.put("asterisk_id", "02:fc:00:00:00:01");
		return json.toString();
	}

	/** A recorded RESTResponse with this request's ids. */
	String answer(JsonNode recorded) {
		ObjectNode json = (ObjectNode) recorded.deepCopy();
		json.put("transaction_id", (this.transactionId != null) ? this.transactionId : "");
		json.put("request_id", (this.requestId != null) ? this.requestId : "");
		return json.toString();
	}

}
