package io.github.arispring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventKeys;
import io.github.arispring.listener.AriApplicationNames;
import io.github.arispring.observation.AriObservationDocumentation.HighCardinalityKeyNames;
import io.github.arispring.observation.AriObservationDocumentation.LowCardinalityKeyNames;

/**
 * Names the observation {@code ari.event.process}, tags it with handler, event type,
 * application (per-call names {@code <app>:<channel>} as {@code <app>}) and outcome, and puts the channel and bridge ids on traces only.
 */
public class DefaultAriEventProcessObservationConvention implements AriEventProcessObservationConvention {

	/** The observation's name. */
	public static final String NAME = "ari.event.process";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(AriEventProcessContext context) {
		return "ari " + context.getEvent().type();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AriEventProcessContext context) {
		AriEvent event = context.getEvent();
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.HANDLER, context.getHandler()),
				KeyValue.of(LowCardinalityKeyNames.EVENT_TYPE, event.type()),
				KeyValue.of(LowCardinalityKeyNames.APPLICATION,
						(event.application() != null) ? AriApplicationNames.baseName(event.application()) : NONE),
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, (context.getError() != null) ? "ERROR" : "SUCCESS"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(AriEventProcessContext context) {
		KeyValues values = KeyValues.empty();
		String channelId = AriEventKeys.channelId(context.getEvent());
		if (channelId != null) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.CHANNEL_ID, channelId));
		}
		String bridgeId = AriEventKeys.bridgeId(context.getEvent());
		if (bridgeId != null) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.BRIDGE_ID, bridgeId));
		}
		return values;
	}

}
