package io.github.arispring.call;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a verb of a call that has ended: the caller hung up, the channel left Stasis, or
 * the application hung it up or handed it on. Scripts need not check after each step: the
 * exception ends the script (its {@code finally} blocks run) and is not counted as a failure.
 */
public class CallEndedException extends RuntimeException {

	private final String channelId;

	private final String reason;

	private final @Nullable Integer hangupCause;

	/**
	 * Creates an exception.
	 * @param channelId the channel of the call that ended
	 * @param reason why it ended
	 * @param cause the Q.850 hang-up cause, if known
	 */
	public CallEndedException(String channelId, String reason, @Nullable Integer cause) {
		super("Call " + channelId + " ended: " + reason, null, false, false);
		this.channelId = channelId;
		this.reason = reason;
		this.hangupCause = cause;
	}

	/**
	 * The channel of the call that ended.
	 * @return the channel id
	 */
	public String getChannelId() {
		return this.channelId;
	}

	/**
	 * Why the call ended, such as {@code hung up (Normal Clearing)} or {@code left Stasis}.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * The hang-up cause Asterisk gave ({@code 16} for normal clearing), if known.
	 * @return the cause, or {@code null}
	 */
	public @Nullable Integer getHangupCause() {
		return this.hangupCause;
	}

}
