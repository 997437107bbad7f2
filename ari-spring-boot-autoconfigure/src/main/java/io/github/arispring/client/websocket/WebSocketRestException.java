package io.github.arispring.client.websocket;

/**
 * A REST call over a WebSocket got no answer: the socket closed while the call was in flight,
 * no socket opened in time, or Asterisk did not answer in time. The message says which.
 * Under a {@code WebClient} built by {@code AriClientFactory} callers see it as the cause of
 * an {@code AriConnectionException}.
 */
public class WebSocketRestException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what happened
	 */
	public WebSocketRestException(String message) {
		super(message);
	}

	/**
	 * The call was never sent, because no socket was open: Asterisk did not see it, so it is
	 * safe to make it again another way.
	 */
	public static class NotSent extends WebSocketRestException {

		/**
		 * Creates an exception.
		 * @param message what happened
		 */
		public NotSent(String message) {
			super(message);
		}

	}

}
