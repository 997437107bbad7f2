package io.github.arispring.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventTypes;

/**
 * Checks, in the handler, that every event arrives typed and that the events of each
 * ordering key (channel, bridge, ...) arrive in the order they were sent; counts them.
 * The stream may be sent several times over: each key's expected order repeats.
 */
final class OrderChecker {

	private final EventStream stream;

	/** By position in the stream: the class its event must be bound to. */
	private final Class<?>[] classes;

	/** By position in the stream: the states of its ordering keys. */
	private final KeyState[][] states;

	final LongAdder violations = new LongAdder();

	final LongAdder untyped = new LongAdder();

	/** Events checked in the runs before the current one. */
	private long earlierRuns;

	private final AtomicLong count = new AtomicLong();

	private volatile long target = Long.MAX_VALUE;

	private volatile long lastAt;

	private volatile CompletableFuture<Long> done = new CompletableFuture<>();

	OrderChecker(EventStream stream) {
		this.stream = stream;
		Map<String, KeyState> byKey = new HashMap<>();
		stream.sequences.forEach((key, seqs) -> byKey.put(key, new KeyState(seqs)));
		this.classes = new Class<?>[stream.types.length];
		this.states = new KeyState[stream.types.length][];
		for (int seq = 0; seq < stream.types.length; seq++) {
			this.classes[seq] = AriEventTypes.BY_NAME.get(stream.types[seq]);
			this.states[seq] = Arrays.stream(stream.keys[seq]).map(byKey::get).toArray(KeyState[]::new);
		}
	}

	/** Starts counting a run of the given number of events. */
	void arm(long expected) {
		this.earlierRuns += this.count.getAndSet(0);
		this.done = new CompletableFuture<>();
		this.target = expected;
	}

	CompletableFuture<Long> done() {
		return this.done;
	}

	long count() {
		return this.count.get();
	}

	/** Events checked in all runs. */
	long total() {
		return this.earlierRuns + this.count.get();
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
		if (seq < 0 || seq >= this.classes.length || event.getClass() != this.classes[seq]
				|| !this.stream.types[seq].equals(event.type())) {
			this.untyped.increment();
		}
		if (seq >= 0 && seq < this.states.length) {
			for (KeyState state : this.states[seq]) {
				if (!state.advance(seq)) {
					this.violations.increment();
				}
			}
		}
		long n = this.count.incrementAndGet();
		// As the ceiling client: the clock is read for the last event of a run (and now and
		// then, for a run that loses events), not for every one.
		if (n == this.target) {
			this.lastAt = System.nanoTime();
			this.done.complete(n);
		}
		else if ((n & 1023) == 0) {
			this.lastAt = System.nanoTime();
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
