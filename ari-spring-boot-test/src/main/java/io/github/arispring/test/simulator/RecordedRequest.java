package io.github.arispring.test.simulator;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request the simulator answered, for assertions on what an application did.
 *
 * @param method the HTTP method
 * @param path the path, such as {@code /ari/channels/1795836578.1/answer}
 * @param query the query parameters
 * @param body the request body, empty when there was none
 * @param operation the ARI operation, such as {@code channels.answer}, or {@code null} if the
 * path names none
 * @param status the status answered, 101 for an accepted WebSocket upgrade
 * @param responseBody the body answered, or {@code null} for none
 * @param overWebSocket whether the request came as a {@code RESTRequest} frame on an events
 * WebSocket rather than over HTTP
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> query, String body,
		@Nullable String operation, int status, @Nullable String responseBody, boolean overWebSocket) {

	/**
	 * A request that came over HTTP.
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the query parameters
	 * @param body the request body, empty when there was none
	 * @param operation the ARI operation, or {@code null} if the path names none
	 * @param status the status answered
	 * @param responseBody the body answered, or {@code null} for none
	 */
	public RecordedRequest(String method, String path, Map<String, List<String>> query, String body,
			@Nullable String operation, int status, @Nullable String responseBody) {
		this(method, path, query, body, operation, status, responseBody, false);
	}

	/**
	 * The first value of a query parameter.
	 * @param name the parameter
	 * @return the value, or {@code null}
	 */
	public @Nullable String queryParam(String name) {
		List<String> values = this.query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

}
