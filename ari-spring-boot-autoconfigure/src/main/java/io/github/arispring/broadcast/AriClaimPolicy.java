package io.github.arispring.broadcast;

import io.github.arispring.event.CallBroadcast;

/**
 * Decides whether this instance claims a call that {@code StasisBroadcast()} offers to it. Asked
 * once per {@link CallBroadcast}, on a handler thread, while Asterisk waits for a claim (500 ms by
 * default): answer from memory, without calls to Asterisk or other slow work. Declare a bean of
 * this type to replace the default, which claims while fewer than {@code ari.broadcast.max-calls}
 * calls are in progress.
 * <p>
 * While claims of other offers wait for Asterisk's answer, the policy may be asked twice about one
 * offer: with those claims counted and, if that is a no, without them, to know whether the offer
 * is worth deciding again once they are answered.
 */
@FunctionalInterface
public interface AriClaimPolicy {

	/**
	 * Whether to claim the offered call.
	 * @param broadcast the offer: the channel, the caller and the number called
	 * @param callsInProgress the calls this instance holds or is claiming, not counting this one:
	 * counted from the claim until their {@code StasisEnd}
	 * @return {@code true} to claim it
	 */
	boolean shouldClaim(CallBroadcast broadcast, int callsInProgress);

	/**
	 * A policy that claims while fewer than the given number of calls are in progress.
	 * Concurrent offers are counted before they are decided, so the limit holds even when
	 * several offers arrive at once.
	 * @param maxCalls the largest number of calls in progress
	 * @return the policy
	 */
	static AriClaimPolicy withinCapacity(int maxCalls) {
		if (maxCalls < 0) {
			throw new IllegalArgumentException("maxCalls must not be negative, but was " + maxCalls);
		}
		return new CapacityClaimPolicy(maxCalls);
	}

}
