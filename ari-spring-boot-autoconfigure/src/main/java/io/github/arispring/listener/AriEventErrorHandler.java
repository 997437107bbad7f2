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

}
