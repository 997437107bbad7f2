package io.github.arispring.client;

import org.jspecify.annotations.Nullable;

/**
 * Asterisk gave no answer: the connection was refused, could not be made in time, or the
 * response did not come in time. Names the URL (without query or credentials) so the
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
		super(0, operation, request, null, null, "ARI " + ((operation != null) ? operation : "request") + " could not reach Asterisk at "
				+ url + ": " + describe(cause) + "; check ari.url and that Asterisk's HTTP server is running", cause);
		this.url = url;
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

}
