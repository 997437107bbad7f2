package io.github.arispring.listener;

/**
 * Event handlers exist but {@code ari.applications} names no Stasis application, so no
 * event would ever reach them.
 */
public class MissingAriApplicationsException extends IllegalStateException {

	private final String handler;

	/**
	 * Creates an exception.
	 * @param handler a handler that would never be called
	 */
	public MissingAriApplicationsException(String handler) {
		super("ari.applications is empty, so no event would reach " + handler
				+ ". Set ari.applications to the Stasis application names your dialplan uses, "
				+ "for example ari.applications=ivr for Stasis(ivr)");
		this.handler = handler;
	}

	/**
	 * A handler that would never be called.
	 * @return the handler's name
	 */
	public String getHandler() {
		return this.handler;
	}

}
