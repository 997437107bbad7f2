package io.github.arispring.client.websocket;

import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RESTRequest frames and reads RESTResponse frames, as Asterisk's
 * {@code res/ari/ari_websocket_requests.c} expects and sends them: the {@code uri} is relative
 * to {@code /ari/} with its path segments percent-encoded exactly as in an HTTP request line
 * (Asterisk splits it at {@code /} and then decodes each segment, over HTTP and WebSocket
 * alike); query parameters go, decoded, in {@code query_strings}, whose values Asterisk takes
 * literally; a body goes as a JSON <em>string</em> in {@code message_body} with its
 * {@code content_type}.
 */
final class RestFrames {

	static final String REST_RESPONSE = "RESTResponse";

	private static final JsonFactory FACTORY = JsonFactory.builder().build();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private RestFrames() {
	}

	/**
	 * A RESTRequest frame.
	 * @param requestId the request id, echoed in the answer
	 * @param method the HTTP method
	 * @param uri the path relative to {@code /ari/}, percent-encoded, without a leading slash
	 * @param query the query parameters, decoded, in order
	 * @param contentType the body's content type, or {@code null} without a body
	 * @param body the body, or {@code null}
	 * @return the frame's text
	 */
	static String request(String requestId, String method, String uri, List<Map.Entry<String, String>> query,
			@Nullable String contentType, @Nullable String body) {
		StringWriter text = new StringWriter(128 + uri.length() + ((body != null) ? body.length() : 0));
		try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), text)) {
			json.writeStartObject();
			json.writeStringProperty("type", "RESTRequest");
			json.writeStringProperty("request_id", requestId);
			json.writeStringProperty("method", method);
			json.writeStringProperty("uri", uri);
			if (!query.isEmpty()) {
				json.writeArrayPropertyStart("query_strings");
				for (Map.Entry<String, String> parameter : query) {
					json.writeStartObject();
					json.writeStringProperty("name", parameter.getKey());
					json.writeStringProperty("value", parameter.getValue());
					json.writeEndObject();
				}
				json.writeEndArray();
			}
			if (body != null && contentType != null) {
				json.writeStringProperty("content_type", contentType);
				json.writeStringProperty("message_body", body);
			}
			json.writeEndObject();
		}
		return text.toString();
	}

	/**
	 * Decodes a raw query string the way Asterisk decodes one in an HTTP request line
	 * ({@code %XX} escapes, and {@code +} as a space), so that its values can go literally in
	 * {@code query_strings}.
	 * @param rawQuery the raw query, or {@code null}
	 * @return the parameters in order
	 */
	static List<Map.Entry<String, String>> decodeQuery(@Nullable String rawQuery) {
		List<Map.Entry<String, String>> parameters = new ArrayList<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals != -1) ? pair.substring(0, equals) : pair;
			String value = (equals != -1) ? pair.substring(equals + 1) : "";
			parameters.add(Map.entry(decode(name), decode(value)));
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape: Asterisk keeps such text as it is.
			return text;
		}
	}

	/**
	 * Reads a RESTResponse frame.
	 * @param frame the frame's bytes
	 * @return the answer
	 * @throws MalformedFrameException if the frame is not a RESTResponse with a status
	 */
	static Response response(byte[] frame) {
		JsonNode json;
		try {
			json = MAPPER.readTree(frame);
		}
		catch (JacksonException ex) {
			throw new MalformedFrameException(ex.getOriginalMessage());
		}
		if (json == null || !json.isObject() || !REST_RESPONSE.equals(text(json, "type"))) {
			throw new MalformedFrameException("not a RESTResponse");
		}
		JsonNode status = json.get("status_code");
		if (status == null || !status.isInt() || status.asInt() < 100 || status.asInt() > 999) {
			throw new MalformedFrameException("no valid status_code");
		}
		String requestId = text(json, "request_id");
		return new Response((requestId != null) ? requestId : "", status.asInt(), text(json, "reason_phrase"),
				text(json, "uri"), text(json, "content_type"), text(json, "message_body"));
	}

	private static @Nullable String text(JsonNode json, String name) {
		JsonNode value = json.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/**
	 * A RESTResponse.
	 * @param requestId the request id, empty when Asterisk could not read the request
	 * @param status the HTTP status
	 * @param reason the reason phrase, such as {@code Not Found}
	 * @param uri the request's uri, echoed without its query
	 * @param contentType the body's content type, or {@code null} without a body
	 * @param body the body, or {@code null}
	 */
	record Response(String requestId, int status, @Nullable String reason, @Nullable String uri,
			@Nullable String contentType, @Nullable String body) {
	}

	/** A frame that is not a readable RESTResponse. */
	static final class MalformedFrameException extends RuntimeException {

		MalformedFrameException(String message) {
			super(message);
		}

	}

}
