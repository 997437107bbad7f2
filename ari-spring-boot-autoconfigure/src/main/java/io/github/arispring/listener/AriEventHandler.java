package io.github.arispring.listener;

import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import io.github.arispring.event.AriEvent;

/**
 * Something that handles ARI events. Each {@code @StasisEventHandler} method becomes one; a
 * bean of this type is registered as one too.
 * <p>
 * The events of one channel (or bridge) are handed over one after another, in the order
 * Asterisk sent them: the next one waits until {@link #handle} has returned and, if it
 * returned a stage, until that stage has completed.
 */
public interface AriEventHandler {

	/**
	 * A name for logs and observations, such as {@code IvrHandlers.onStart}.
	 * @return the name
	 */
	String name();

	/**
	 * Whether this handler may want events of the given class at all; decided once per class.
	 * @param eventType the event class
	 * @return {@code true} if {@link #supports} should be asked for such events
	 */
	boolean supportsEventType(Class<? extends AriEvent> eventType);

	/**
	 * Whether this handler wants this event (application filter, condition).
	 * @param event the event
	 * @return {@code true} to have {@link #handle} called
	 */
	default boolean supports(AriEvent event) {
		return true;
	}

	/**
	 * Whether this handler wants this event from this source. By default, what
	 * {@link #supports(AriEvent)} says.
	 * @param event the event
	 * @param source where it came from
	 * @return {@code true} to have {@link #handle(AriEvent, AriEventSource)} called
	 */
	default boolean supports(AriEvent event, AriEventSource source) {
		return supports(event);
	}

	/**
	 * Handles an event from a source whose clients reach the Asterisk that sent it. By
	 * default, {@link #handle(AriEvent)}.
	 * @param event the event
	 * @param source where it came from
	 * @return {@code null} when done, or a stage that completes when done
	 * @throws Exception if handling failed; it is logged and passed to the error handler
	 */
	default @Nullable CompletionStage<?> handle(AriEvent event, AriEventSource source) throws Exception {
		return handle(event);
	}

	/**
	 * Handles an event.
	 * @param event the event
	 * @return {@code null} when done, or a stage that completes when done
	 * @throws Exception if handling failed; it is logged and passed to the error handler
	 */
	@Nullable CompletionStage<?> handle(AriEvent event) throws Exception;

}
