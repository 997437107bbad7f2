package io.github.arispring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Convention for {@code ari.event.process} observations; define a bean of this type to
 * replace {@link DefaultAriEventProcessObservationConvention}.
 */
public interface AriEventProcessObservationConvention extends ObservationConvention<AriEventProcessContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AriEventProcessContext;
	}

}
