package io.github.arispring.listener;

/**
 * No Stasis application is configured although the events listener is to start: Asterisk
 * refuses an events WebSocket without {@code app}, and a channel only enters a Stasis
 * application that a client has registered.
 */
public class MissingAriApplicationsException extends IllegalStateException {

	/**
	 * Creates an exception.
	 */
	public MissingAriApplicationsException() {
		super("ari.applications is empty, but the events listener starts with the application "
				+ "(ari.listener.auto-startup is true) and needs at least one Stasis application to register");
	}

}
