package io.github.arispring.broadcast;

import io.github.arispring.event.CallBroadcast;

/**
 * Claims while fewer than a fixed number of calls are in progress.
 */
final class CapacityClaimPolicy implements AriClaimPolicy {

	private final int maxCalls;

	CapacityClaimPolicy(int maxCalls) {
		this.maxCalls = maxCalls;
	}

	@Override
	public boolean shouldClaim(CallBroadcast broadcast, int callsInProgress) {
		return callsInProgress < this.maxCalls;
	}

	@Override
	public String toString() {
		return "AriClaimPolicy.withinCapacity(" + this.maxCalls + ")";
	}

}
