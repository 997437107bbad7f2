package io.github.arispring.call;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@code dial} when the other party does not answer in time, is busy or cannot be
 * reached. The leg that was dialled is hung up.
 */
public class DialFailedException extends RuntimeException {

	private final String endpoint;

	private final @Nullable String dialStatus;

	/**
	 * Creates an exception.
	 * @param endpoint the endpoint dialled
	 * @param reason what happened
	 * @param dialStatus Asterisk's last {@code dialstatus}, such as {@code BUSY}, if any
	 */
	public DialFailedException(String endpoint, String reason, @Nullable String dialStatus) {
		super("Dialling " + endpoint + " failed: " + reason);
		this.endpoint = endpoint;
		this.dialStatus = dialStatus;
	}

	/**
	 * The endpoint dialled.
	 * @return the endpoint, such as {@code PJSIP/alice}
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Asterisk's last {@code dialstatus} for the leg, such as {@code BUSY} or {@code NOANSWER}.
	 * @return the status, or {@code null} if none was reported
	 */
	public @Nullable String getDialStatus() {
		return this.dialStatus;
	}

}
