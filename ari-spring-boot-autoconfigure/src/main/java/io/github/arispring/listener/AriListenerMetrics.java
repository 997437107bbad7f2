package io.github.arispring.listener;

/**
 * What the events listener reports as it works: received, dropped and rejected events and
 * the state of the WebSocket. The default does nothing; the Micrometer implementation turns
 * the calls into meters. Called from the socket reader: implementations must not block.
 */
public interface AriListenerMetrics {

	/** Does nothing. */
	AriListenerMetrics NONE = new AriListenerMetrics() {
	};

	/**
	 * The metrics of the events of one server, for its listener and for the dispatch of its
	 * events. By default, these same metrics.
	 * @param server the server's name, the name of its events' {@link AriEventSource}
	 * @return the metrics to report that server's events to
	 */
	default AriListenerMetrics forServer(String server) {
		return this;
	}

	/**
	 * A frame was read and its event type is one this API version declares.
	 * @param type the event type, such as {@code StasisStart}
	 * @param application the application it was for, or {@code null}
	 */
	default void eventReceived(String type, String application) {
	}

	/**
	 * A decoded event was not delivered because the dispatch queue was full.
	 * @param type the event type
	 * @param application the application it was for, or {@code null}
	 */
	default void eventDropped(String type, String application) {
	}

	/**
	 * An event handler threw or signalled an error.
	 * @param type the event type
	 * @param application the application it was for, or {@code null}
	 * @param handler the handler's name
	 */
	default void handlerFailed(String type, String application, String handler) {
	}

	/**
	 * A frame could not be read (malformed JSON, no {@code type}, or fields that do not fit its
	 * type), or its type is not declared by this version of the API.
	 * @param reason {@code malformed} or {@code unknown-type}
	 */
	default void frameRejected(String reason) {
	}

	/**
	 * The events WebSocket connected or disconnected.
	 * @param connected whether it is connected now
	 */
	default void connectionChanged(boolean connected) {
	}

	/**
	 * A connection attempt is about to be made after a failure or a disconnect.
	 */
	default void reconnectAttempted() {
	}

}
