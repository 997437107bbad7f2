package io.github.arispring.listener;

import org.jspecify.annotations.Nullable;

/**
 * Asterisk refused the events WebSocket upgrade, or answered it in a way the WebSocket
 * protocol does not allow.
 */
class WebSocketUpgradeException extends RuntimeException {

	private final int status;

	/**
	 * Creates an exception.
	 * @param status the HTTP status of the answer, or 0 when there was none
	 * @param answer what the server answered, such as {@code 401 Unauthorized (Authentication
	 * required)}, or what happened instead
	 */
	WebSocketUpgradeException(int status, String answer) {
		super(answer, null, false, false);
		this.status = status;
	}

	static WebSocketUpgradeException refused(int status, String reasonPhrase, @Nullable String message) {
		return new WebSocketUpgradeException(status, status + " " + reasonPhrase + ((message != null) ? " (" + message + ")" : ""));
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status, or 0 when the server did not answer
	 */
	int getStatus() {
		return this.status;
	}

}
