package io.github.arispring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.arispring.broadcast.AriBroadcastClaimer;

/**
 * The {@link AriBroadcastClaimer}'s counts as Micrometer meters:
 * <ul>
 * <li>{@code ari.broadcast.claims}: counter of broadcast offers by tag {@code outcome}:
 * {@code won}, {@code lost} (another instance was first: normal), {@code failed},
 * {@code declined} (the claim policy said no);</li>
 * <li>{@code ari.broadcast.calls}: gauge of claimed calls in progress, from the claim until
 * {@code StasisEnd}.</li>
 * </ul>
 */
public class AriBroadcastMeterBinder implements MeterBinder {

	private final AriBroadcastClaimer claimer;

	/**
	 * Creates a binder.
	 * @param claimer the claimer whose counts to publish
	 */
	public AriBroadcastMeterBinder(AriBroadcastClaimer claimer) {
		this.claimer = claimer;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (AriBroadcastClaimer.Outcome outcome : AriBroadcastClaimer.Outcome.values()) {
			FunctionCounter.builder("ari.broadcast.claims", this.claimer, (claimer) -> claimer.getClaimCount(outcome))
				.description("Calls offered by StasisBroadcast, by what became of the offer")
				.tag("outcome", outcome.tagValue())
				.register(registry);
		}
		Gauge.builder("ari.broadcast.calls", this.claimer, AriBroadcastClaimer::getCallsInProgress)
			.description("Claimed broadcast calls in progress, from the claim until StasisEnd")
			.register(registry);
	}

}
