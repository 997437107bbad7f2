package io.github.arispring.call;

import reactor.core.publisher.Mono;

/**
 * What a handle's waits are bound to: a call's verbs fail with {@link CallEndedException}
 * once the call ends, and the call removes the handle's taps when its script ends. Handles
 * made for ordinary handlers have no call.
 */
interface CallScope {

	/** No call: waits are not cut short, taps are removed when their resource is done. */
	CallScope NONE = new CallScope() {

		@Override
		public <T> Mono<T> guard(Mono<T> operation) {
			return operation;
		}

		@Override
		public void track(ListenerRegistration registration) {
		}

	};

	/**
	 * Binds an operation to the call: it fails with {@link CallEndedException} as soon as the
	 * call ends.
	 * @param <T> the result type
	 * @param operation the operation
	 * @return the bound operation
	 */
	<T> Mono<T> guard(Mono<T> operation);

	/**
	 * Removes a tap when the call's script ends, if it is still there.
	 * @param registration the tap
	 */
	void track(ListenerRegistration registration);

}
