package io.github.arispring.call;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The digits a caller pressed and nobody has collected yet: digits pressed during a prompt,
 * or between two verbs, wait here for the next {@code collectDigits}.
 */
final class DigitBuffer {

	private final ArrayDeque<String> digits = new ArrayDeque<>();

	private @Nullable CompletableFuture<Void> arrival;

	void add(String digit) {
		CompletableFuture<Void> waiting;
		synchronized (this) {
			this.digits.add(digit);
			waiting = this.arrival;
			this.arrival = null;
		}
		if (waiting != null) {
			waiting.complete(null);
		}
	}

	synchronized @Nullable String poll() {
		return this.digits.poll();
	}

	synchronized boolean isEmpty() {
		return this.digits.isEmpty();
	}

	synchronized String clear() {
		String pending = String.join("", this.digits);
		this.digits.clear();
		return pending;
	}

	/** Completes when a digit is waiting, at once if one is. */
	synchronized CompletableFuture<Void> arrival() {
		if (!this.digits.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		if (this.arrival == null) {
			this.arrival = new CompletableFuture<>();
		}
		return this.arrival;
	}

	/** The next digit, taken from the buffer; cancelling leaves later digits in it. */
	Mono<String> next() {
		return Mono.defer(() -> {
			String digit = poll();
			return (digit != null) ? Mono.just(digit) : Mono.fromFuture(arrival(), true).then(next());
		});
	}

}
