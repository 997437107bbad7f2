package io.github.arispring.client;

import org.jspecify.annotations.Nullable;

import io.github.arispring.client.websocket.WebSocketRestException;

/**
 * Asterisk gave no answer: the connection was refused, could not be made in time, the
 * response did not come in time, or no connection of the pool became free in time
 * ({@link PoolSaturated}); over a WebSocket, also the socket closed while the call was in
 * flight or no socket opened in time. Names the URL (without query or credentials) so the
 * message says what to check.
 */
public class AriConnectionException extends AriException {

	private final String url;

	/**
	 * Creates an exception.
	 * @param url the URL that was called, without query string
	 * @param operation the operation, such as {@code channels.play}
	 * @param request the method and URI template
	 * @param cause the cause
	 */
	public AriConnectionException(String url, @Nullable String operation, @Nullable String request, Throwable cause) {
		this(url, operation, request, message(url, operation, cause), cause);
	}

	/**
	 * Creates an exception with a message of its own.
	 * @param url the URL that was called, without query string
	 * @param operation the operation, such as {@code channels.play}
	 * @param request the method and URI template
	 * @param message the message
	 * @param cause the cause, or {@code null}
	 */
	protected AriConnectionException(String url, @Nullable String operation, @Nullable String request, String message,
			@Nullable Throwable cause) {
		super(0, operation, request, null, null, message, cause);
		this.url = url;
	}

	static String name(@Nullable String operation) {
		return (operation != null) ? operation : "request";
	}

	private static String message(String url, @Nullable String operation, Throwable cause) {
		String prefix = "ARI " + name(operation);
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof WebSocketRestException overWebSocket) {
				return prefix + " got no answer from Asterisk: " + overWebSocket.getMessage();
			}
		}
		return prefix + " could not reach Asterisk at " + url + ": " + describe(cause)
				+ "; check ari.url and that Asterisk's HTTP server is running";
	}

	private static String describe(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			String name = t.getClass().getSimpleName();
			if (name.contains("Timeout")) {
				return "timed out (" + name + ")";
			}
			if (t instanceof java.net.ConnectException) {
				return "connection refused";
			}
			if (t instanceof java.net.UnknownHostException) {
				return "unknown host " + t.getMessage();
			}
		}
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

	/**
	 * The URL that was called, without query string or credentials.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * Every connection of the pool stayed busy: the request waited longer than the pool's
	 * pending-acquire timeout, or found the queue of waiting requests full. It was not sent,
	 * so it is safe to retry. The message gives the pool's figures and the properties to raise.
	 */
	public static class PoolSaturated extends AriConnectionException {

		/**
		 * Creates an exception.
		 * @param url the URL that was called, without query string
		 * @param operation the operation, such as {@code channels.play}
		 * @param request the method and URI template
		 * @param message the message
		 */
		public PoolSaturated(String url, @Nullable String operation, @Nullable String request, String message) {
			super(url, operation, request, message, null);
		}

	}

}
