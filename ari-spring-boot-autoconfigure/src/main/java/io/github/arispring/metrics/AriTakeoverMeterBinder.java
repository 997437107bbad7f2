package io.github.arispring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.arispring.listener.AriApplicationTakeover;

/**
 * The {@link AriApplicationTakeover}'s state as Micrometer meters:
 * <ul>
 * <li>{@code ari.applications.standby}: gauge of applications that another client took over
 * and that this instance does not serve now;</li>
 * <li>{@code ari.applications.takeovers}: counter of applications registered again after the
 * client that took them over had gone.</li>
 * </ul>
 */
public class AriTakeoverMeterBinder implements MeterBinder {

	private final AriApplicationTakeover takeover;

	/**
	 * Creates a binder.
	 * @param takeover the takeover monitor whose state to publish
	 */
	public AriTakeoverMeterBinder(AriApplicationTakeover takeover) {
		this.takeover = takeover;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("ari.applications.standby", this.takeover, AriApplicationTakeover::getStandbyCount)
			.description("Stasis applications taken over by another client, waiting to be registered again")
			.register(registry);
		FunctionCounter.builder("ari.applications.takeovers", this.takeover, AriApplicationTakeover::getTakeoverCount)
			.description("Stasis applications registered again after the client that took them over had gone")
			.register(registry);
	}

}
