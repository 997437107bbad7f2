package io.github.arispring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations this starter makes.
 */
public enum AriObservationDocumentation implements ObservationDocumentation {

	/**
	 * One invocation of an event handler, from entry to completion (including a returned
	 * {@code Mono} or {@code CompletionStage}).
	 */
	EVENT_PROCESS {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultAriEventProcessObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/** Keys whose values come from bounded sets: they tag metrics. */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The handler, such as {@code IvrHandlers.onStart}. */
		HANDLER {
			@Override
			public String asString() {
				return "ari.handler";
			}
		},

		/** The event type, such as {@code StasisStart}. */
		EVENT_TYPE {
			@Override
			public String asString() {
				return "ari.event.type";
			}
		},

		/** The Stasis application the event was delivered to. */
		APPLICATION {
			@Override
			public String asString() {
				return "ari.application";
			}
		},

		/** {@code SUCCESS} or {@code ERROR}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/** Keys with unbounded values: only on traces. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The id of the channel the event is about. */
		CHANNEL_ID {
			@Override
			public String asString() {
				return "ari.channel.id";
			}
		},

		/** The id of the bridge the event is about. */
		BRIDGE_ID {
			@Override
			public String asString() {
				return "ari.bridge.id";
			}
		}

	}

}
