package io.github.arispring.listener;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on an executor so that tasks of one key (any object with equals and hashCode)
 * run one after another, in submission order, while different keys run in parallel. A task may finish asynchronously by returning
 * an incomplete {@link CompletionStage}; its lane then waits for it without holding a thread.
 * A task with two keys (a channel in a bridge) runs once it is first in both lanes, so it is
 * ordered with the events of both. Submitting never blocks; submit from one thread only
 * (the socket reader), which keeps two-key tasks free of deadlock.
 * <p>
 * Lanes with work wait in one ready queue, which drainers on the executor take them from. A
 * new drainer starts only when every drainer is running a lane (or none exists), so that a
 * steady stream of events keeps the drainers running rather than waking a thread per event,
 * while a handler that blocks never holds up another lane: the lane behind it gets a drainer
 * of its own, as many as the executor allows.
 */
final class OrderedLanes {

	/** Tasks a lane runs before it yields its thread to other lanes. */
	private static final int BATCH = 64;

	private final Executor executor;

	private final ConcurrentHashMap<Object, Lane> lanes = new ConcurrentHashMap<>();

	private final AtomicInteger pending = new AtomicInteger();

	private final ConcurrentLinkedQueue<Lane> ready = new ConcurrentLinkedQueue<>();

	/** Drainers submitted to the executor and not yet finished. */
	private final AtomicInteger drainers = new AtomicInteger();

	/** Drainers running a lane (or about to). */
	private final AtomicInteger busy = new AtomicInteger();

	private final Runnable drainer = this::drain;

	OrderedLanes(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Number of tasks submitted and not yet finished.
	 * @return the count
	 */
	int pending() {
		return this.pending.get();
	}

	/**
	 * Number of keys with work queued or running.
	 * @return the count
	 */
	int activeLanes() {
		return this.lanes.size();
	}

	void submit(Object key, Supplier<@Nullable CompletionStage<?>> task) {
		this.pending.incrementAndGet();
		enqueue(key, task);
	}

	void submit(Object firstKey, Object secondKey, Supplier<@Nullable CompletionStage<?>> task) {
		if (firstKey.equals(secondKey)) {
			submit(firstKey, task);
			return;
		}
		this.pending.incrementAndGet();
		Gate gate = new Gate(task);
		enqueue(firstKey, gate);
		enqueue(secondKey, gate);
	}

	/**
	 * Queues a step in a lane: a task of one key (a {@link Supplier}, counted in
	 * {@link #pending}), or the {@link Gate} of a task of two keys, queued in both lanes.
	 */
	private void enqueue(Object key, Object step) {
		while (true) {
			Lane lane = this.lanes.computeIfAbsent(key, Lane::new);
			synchronized (lane) {
				if (lane.retired) {
					continue;
				}
				lane.steps.add(step);
				if (!lane.scheduled) {
					lane.scheduled = true;
					execute(lane);
				}
				return;
			}
		}
	}

	/** Queues a lane to run, starting a drainer if none is free to take it. */
	private void execute(Lane lane) {
		this.ready.offer(lane);
		if (this.busy.get() >= this.drainers.get()) {
			startDrainer();
		}
	}

	/** Starts a drainer; once the executor has shut down, the queued lanes' work is discarded. */
	private void startDrainer() {
		this.drainers.incrementAndGet();
		try {
			this.executor.execute(this.drainer);
		}
		catch (RejectedExecutionException ex) {
			this.drainers.decrementAndGet();
			for (Lane lane = this.ready.poll(); lane != null; lane = this.ready.poll()) {
				lane.discard();
			}
		}
	}

	/** Runs ready lanes until there are none; a lane whose batch ends with work left queues again. */
	private void drain() {
		boolean counted = true;
		try {
			counted = drainReady();
		}
		finally {
			if (counted) {
				// left by an error out of a lane: another drainer takes over the queue
				this.drainers.decrementAndGet();
				if (!this.ready.isEmpty()) {
					startDrainer();
				}
			}
		}
	}

	/** Returns {@code false} once this drainer has left the count of drainers. */
	private boolean drainReady() {
		while (true) {
			Lane lane = this.ready.poll();
			if (lane == null) {
				this.drainers.decrementAndGet();
				// A lane queued while this drainer was leaving may have counted on it.
				if (this.ready.isEmpty()) {
					return false;
				}
				this.drainers.incrementAndGet();
				continue;
			}
			this.busy.incrementAndGet();
			try {
				if (!this.ready.isEmpty() && this.busy.get() >= this.drainers.get()) {
					// this lane's handler may block: the next lane must not wait for it
					startDrainer();
				}
				lane.run();
			}
			finally {
				this.busy.decrementAndGet();
			}
		}
	}

	private void finished() {
		this.pending.decrementAndGet();
	}

	/** Runs a task of one key; a task that throws has finished. */
	@SuppressWarnings("unchecked")
	private static @Nullable CompletionStage<?> run(Object task) {
		try {
			return ((Supplier<@Nullable CompletionStage<?>>) task).get();
		}
		catch (Throwable ex) {
			return null;
		}
	}

	/** Runs the task when both lanes have reached it, then lets both lanes go on. */
	private final class Gate {

		private final Supplier<@Nullable CompletionStage<?>> task;

		private final AtomicInteger waiting = new AtomicInteger(2);

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		Gate(Supplier<@Nullable CompletionStage<?>> task) {
			this.task = task;
		}

		CompletionStage<?> arrive() {
			if (this.waiting.decrementAndGet() == 0) {
				CompletionStage<?> result;
				try {
					result = this.task.get();
				}
				catch (Throwable ex) {
					result = null;
				}
				if (result == null) {
					complete();
				}
				else {
					result.whenComplete((value, error) -> complete());
				}
			}
			return this.done;
		}

		private void complete() {
			finished();
			this.done.complete(null);
		}

	}

	private final class Lane {

		private final Object key;

		// Most lanes hold a step or two before they retire.
		private final ArrayDeque<Object> steps = new ArrayDeque<>(4);

		private boolean scheduled;

		private boolean retired;

		Lane(Object key) {
			this.key = key;
		}

		void run() {
			for (int i = 0; i < BATCH; i++) {
				Object next;
				synchronized (this) {
					next = this.steps.poll();
					if (next == null) {
						this.scheduled = false;
						this.retired = true;
						OrderedLanes.this.lanes.remove(this.key, this);
						return;
					}
				}
				boolean counted = !(next instanceof Gate);
				CompletionStage<?> result = counted ? OrderedLanes.run(next) : ((Gate) next).arrive();
				if (result != null && !result.toCompletableFuture().isDone()) {
					result.whenComplete((value, error) -> {
						if (counted) {
							finished();
						}
						execute(this);
					});
					return;
				}
				if (counted) {
					finished();
				}
			}
			execute(this);
		}

		void discard() {
			synchronized (this) {
				for (Object queued : this.steps) {
					if (!(queued instanceof Gate)) {
						finished();
					}
				}
				this.steps.clear();
				this.scheduled = false;
				this.retired = true;
				OrderedLanes.this.lanes.remove(this.key, this);
			}
		}

	}

}
