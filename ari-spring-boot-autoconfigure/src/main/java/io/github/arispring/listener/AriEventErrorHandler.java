package io.github.arispring.listener;

import io.github.arispring.event.AriEvent;

/**
 * Handles a failure of an event handler. ARI events are never delivered again, so whatever
 * this does, the next events are still delivered to every handler.
 */
@FunctionalInterface
public interface AriEventErrorHandler {

	/**
	 * Handles a handler's failure.
	 * @param event the event being handled
	 * @param handler the name of the handler that failed
	 * @param error what it threw or signalled
	 */
	void handleError(AriEvent event, String handler, Throwable error);

	/**
	 * Handles a handler's failure on an event from a known source, whose clients reach the
	 * Asterisk that sent the event. By default, {@link #handleError(AriEvent, String, Throwable)}.
	 * @param event the event being handled
	 * @param source where the event came from
	 * @param handler the name of the handler that failed
	 * @param error what it threw or signalled
	 */
	default void handleError(AriEvent event, AriEventSource source, String handler, Throwable error) {
		handleError(event, handler, error);
	}

}
