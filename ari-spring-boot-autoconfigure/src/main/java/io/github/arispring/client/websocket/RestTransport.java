package io.github.arispring.client.websocket;

/**
 * How REST calls reach Asterisk.
 */
public enum RestTransport {

	/**
	 * Every call over HTTP, one connection per concurrent call.
	 */
	HTTP,

	/**
	 * Every call over the events WebSocket, except those answered with a file
	 * ({@code recordings.getStoredFile}), which only HTTP can carry. Calls made while the socket
	 * is down wait for the reconnection.
	 */
	WEBSOCKET,

	/**
	 * Over the events WebSocket once Asterisk has answered a request on it (Asterisk 20.14,
	 * 21.9, 22.4 and later do), over HTTP before that, while the socket is down, and with
	 * Asterisk versions that do not answer.
	 */
	AUTO

}
