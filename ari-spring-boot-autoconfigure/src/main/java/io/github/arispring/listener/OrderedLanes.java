package io.github.arispring.listener;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on an executor so that tasks of one key run one after another, in submission
 * order, while different keys run in parallel. A task may finish asynchronously by returning
 * an incomplete {@link CompletionStage}; its lane then waits for it without holding a thread.
 * A task with two keys (a channel in a bridge) runs once it is first in both lanes, so it is
 * ordered with the events of both. Submitting never blocks; submit from one thread only
 * (the socket reader), which keeps two-key tasks free of deadlock.
 */
final class OrderedLanes {

	/** Tasks a lane runs before it yields its thread to other lanes. */
	private static final int BATCH = 64;

	private final Executor executor;

	private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

	private final AtomicInteger pending = new AtomicInteger();

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

	void submit(String key, Supplier<@Nullable CompletionStage<?>> task) {
		this.pending.incrementAndGet();
		enqueue(key, () -> {
			try {
				return task.get();
			}
			catch (Throwable ex) {
				return null;
			}
		}, true);
	}

	void submit(String firstKey, String secondKey, Supplier<@Nullable CompletionStage<?>> task) {
		if (firstKey.equals(secondKey)) {
			submit(firstKey, task);
			return;
		}
		this.pending.incrementAndGet();
		Gate gate = new Gate(task);
		enqueue(firstKey, gate::arrive, false);
		enqueue(secondKey, gate::arrive, false);
	}

	private void enqueue(String key, Step step, boolean counted) {
		while (true) {
			Lane lane = this.lanes.computeIfAbsent(key, Lane::new);
			synchronized (lane) {
				if (lane.retired) {
					continue;
				}
				lane.steps.add(new Queued(step, counted));
				if (!lane.scheduled) {
					lane.scheduled = true;
					execute(lane);
				}
				return;
			}
		}
	}

	/** Runs a lane; once the executor has shut down, the lane's work is discarded. */
	private void execute(Lane lane) {
		try {
			this.executor.execute(lane);
		}
		catch (RejectedExecutionException ex) {
			lane.discard();
		}
	}

	private void finished() {
		this.pending.decrementAndGet();
	}

	@FunctionalInterface
	private interface Step {

		@Nullable CompletionStage<?> run();

	}

	private record Queued(Step step, boolean counted) {
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

	private final class Lane implements Runnable {

		private final String key;

		private final ArrayDeque<Queued> steps = new ArrayDeque<>();

		private boolean scheduled;

		private boolean retired;

		Lane(String key) {
			this.key = key;
		}

		@Override
		public void run() {
			for (int i = 0; i < BATCH; i++) {
				Queued next;
				synchronized (this) {
					next = this.steps.poll();
					if (next == null) {
						this.scheduled = false;
						this.retired = true;
						OrderedLanes.this.lanes.remove(this.key, this);
						return;
					}
				}
				CompletionStage<?> result = next.step.run();
				if (result != null && !result.toCompletableFuture().isDone()) {
					result.whenComplete((value, error) -> {
						if (next.counted) {
							finished();
						}
						execute(this);
					});
					return;
				}
				if (next.counted) {
					finished();
				}
			}
			execute(this);
		}

		void discard() {
			synchronized (this) {
				for (Queued queued : this.steps) {
					if (queued.counted) {
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
