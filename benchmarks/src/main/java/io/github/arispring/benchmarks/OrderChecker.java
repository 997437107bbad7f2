package io.github.arispring.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.UnknownEvent;

/**
 * Checks, in the handler, that every event arrives typed and that the events of each
 * ordering key (channel, bridge, ...) arrive in the order they were sent; counts them.
 * The stream may be sent several times over: each key's expected order repeats.
 */
final class OrderChecker {

	private final EventStream stream;

	private final Map<String, KeyState> states = new HashMap<>();

	final LongAdder violations = new LongAdder();

	final LongAdder untyped = new LongAdder();

	final LongAdder total = new LongAdder();

	private final AtomicLong count = new AtomicLong();

	private volatile long target = Long.MAX_VALUE;

	private volatile long lastAt;

	private volatile CompletableFuture<Long> done = new CompletableFuture<>();

	OrderChecker(EventStream stream) {
		this.stream = stream;
		stream.sequences.forEach((key, seqs) -> this.states.put(key, new KeyState(seqs)));
	}

	/** Starts counting a run of the given number of events. */
	void arm(long expected) {
		this.count.set(0);
		this.done = new CompletableFuture<>();
		this.target = expected;
	}

	CompletableFuture<Long> done() {
		return this.done;
	}

	long count() {
		return this.count.get();
	}

	long lastAt() {
		return this.lastAt;
	}

	/**
	 * Checks one event.
	 * @param event the event
	 * @return its position in the stream, or -1 if it carries none
	 */
	int accept(AriEvent event) {
		int seq = seq(event);
		if (seq < 0 || event instanceof UnknownEvent || !this.stream.types[seq].equals(event.type())
				|| !event.getClass().getSimpleName().equals(event.type())) {
			this.untyped.increment();
		}
		if (seq >= 0) {
			for (String key : this.stream.keys[seq]) {
				if (!this.states.get(key).advance(seq)) {
					this.violations.increment();
				}
			}
		}
		this.total.increment();
		long n = this.count.incrementAndGet();
		this.lastAt = System.nanoTime();
		if (n == this.target) {
			this.done.complete(n);
		}
		return seq;
	}

	static int seq(AriEvent event) {
		Object seq = event.additionalProperties().get("x_seq");
		return (seq instanceof Number number) ? number.intValue() : -1;
	}

	private static final class KeyState {

		private final int[] seqs;

		private int position;

		KeyState(int[] seqs) {
			this.seqs = seqs;
		}

		synchronized boolean advance(int seq) {
			if (this.seqs[this.position] == seq) {
				this.position = (this.position + 1) % this.seqs.length;
				return true;
			}
			int found = Arrays.binarySearch(this.seqs, seq);
			if (found >= 0) {
				this.position = (found + 1) % this.seqs.length;
			}
			return false;
		}

	}

}
