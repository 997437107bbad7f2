package io.github.arispring.observation;

import io.micrometer.observation.Observation;

import io.github.arispring.event.AriEvent;

/**
 * Context of an {@code ari.event.process} observation: the event and the handler.
 */
public class AriEventProcessContext extends Observation.Context {

	private final AriEvent event;

	private final String handler;

	/**
	 * Creates a context.
	 * @param event the event being handled
	 * @param handler the handler's name
	 */
	public AriEventProcessContext(AriEvent event, String handler) {
		this.event = event;
		this.handler = handler;
	}

	/**
	 * The event being handled.
	 * @return the event
	 */
	public AriEvent getEvent() {
		return this.event;
	}

	/**
	 * The handler's name.
	 * @return the name
	 */
	public String getHandler() {
		return this.handler;
	}

}
