package io.github.arispring.listener;

import org.springframework.context.ApplicationEvent;

import io.github.arispring.event.ApplicationReplaced;

/**
 * Another client registered the same Stasis application: Asterisk now sends its events
 * there, and this connection receives nothing more for it although it stays open. Usually
 * a second instance of the application, or another tool, uses the same name.
 */
public class AriApplicationReplacedEvent extends ApplicationEvent {

	private final ApplicationReplaced event;

	/**
	 * Creates an event.
	 * @param source the listener container
	 * @param event Asterisk's message
	 */
	public AriApplicationReplacedEvent(Object source, ApplicationReplaced event) {
		super(source);
		this.event = event;
	}

	/**
	 * The application that was taken over.
	 * @return the application name
	 */
	public String getApplication() {
		return this.event.application();
	}

	/**
	 * Asterisk's message.
	 * @return the message
	 */
	public ApplicationReplaced getEvent() {
		return this.event;
	}

}
