package io.github.arispring.outbound;

/**
 * What the outbound endpoint reports about its connections. The default does nothing; the
 * Micrometer implementation turns the calls into meters. Called on Netty threads:
 * implementations must not block.
 */
public interface AriOutboundMetrics {

	/** Does nothing. */
	AriOutboundMetrics NONE = new AriOutboundMetrics() {
	};

	/**
	 * Asterisk opened a connection and the upgrade was accepted.
	 */
	default void connectionOpened() {
	}

	/**
	 * A connection ended.
	 * @param reason one of the bounded set of {@link AriOutboundConnection.CloseReason}s
	 */
	default void connectionClosed(AriOutboundConnection.CloseReason reason) {
	}

	/**
	 * An upgrade request was answered without a WebSocket.
	 * @param reason {@code unauthorized} (missing or wrong credentials) or
	 * {@code unavailable} (the application is shutting down)
	 */
	default void connectionRefused(String reason) {
	}

}
