package io.github.arispring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link OrderedLanes}.
 */
class OrderedLanesTests {

	private final ThreadPoolExecutor executor = AriEventExecutors.pool(8);

	private final OrderedLanes lanes = new OrderedLanes(this.executor);

	@AfterEach
	void shutdown() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void tasksWithTwoKeysShouldBeOrderedWithBothLanes() {
		// channels c0..c9 join and leave bridge b0 while both get events of their own
		Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
		int tasks = 5000;
		for (int i = 0; i < tasks; i++) {
			int sequence = i;
			String channel = "channel:c" + ThreadLocalRandom.current().nextInt(10);
			Runnable record = () -> {
				sleepSometimes();
				seen.computeIfAbsent(channel, (k) -> new CopyOnWriteArrayList<>()).add(sequence);
			};
			int kind = ThreadLocalRandom.current().nextInt(3);
			if (kind == 0) {
				this.lanes.submit(channel, "bridge:b0", () -> {
					record.run();
					seen.computeIfAbsent("bridge:b0", (k) -> new CopyOnWriteArrayList<>()).add(sequence);
					return null;
				});
			}
			else if (kind == 1) {
				this.lanes.submit("bridge:b0", () -> {
					sleepSometimes();
					seen.computeIfAbsent("bridge:b0", (k) -> new CopyOnWriteArrayList<>()).add(sequence);
					return null;
				});
			}
			else {
				this.lanes.submit(channel, () -> {
					record.run();
					return null;
				});
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.lanes.pending() == 0);
		assertThat(seen.values().stream().mapToInt(List::size).sum()).isGreaterThan(tasks);
		seen.forEach((key, sequences) -> assertThat(sequences).as(key).isSortedAccordingTo(Integer::compare));
		assertThat(this.lanes.activeLanes()).isZero();
	}

	@Test
	void asynchronousTaskShouldHoldItsLaneWithoutHoldingAThread() {
		List<String> log = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> first = new CompletableFuture<>();
		this.lanes.submit("channel:a", () -> {
			log.add("a1 start");
			return first;
		});
		this.lanes.submit("channel:a", () -> {
			log.add("a2");
			return null;
		});
		List<String> others = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String key = "channel:other" + i;
			this.lanes.submit(key, () -> {
				synchronized (others) {
					others.add(key);
				}
				return null;
			});
		}
		// 20 other lanes complete on an 8-thread pool while lane a waits
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			synchronized (others) {
				return others.size() == 20;
			}
		});
		assertThat(log).containsExactly("a1 start");
		assertThat(this.lanes.pending()).isEqualTo(2);
		first.complete(null);
		await().atMost(Duration.ofSeconds(5)).until(() -> log.size() == 2);
		assertThat(log).containsExactly("a1 start", "a2");
	}

	@Test
	void blockedLanesShouldNotHoldUpOtherLanes() throws Exception {
		// seven lanes block in their handlers, one after another: the eighth still runs on
		// the pool's last thread, with the others' events queued behind them
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(7);
		for (int i = 0; i < 7; i++) {
			this.lanes.submit("channel:blocked-" + i, () -> {
				blocked.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return null;
			});
			this.lanes.submit("channel:blocked-" + i, () -> null);
		}
		assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<String> free = new CompletableFuture<>();
		this.lanes.submit("channel:free", () -> {
			free.complete(Thread.currentThread().getName());
			return null;
		});
		assertThat(free.get(5, TimeUnit.SECONDS)).startsWith("ari-event-");
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.lanes.pending() == 0);
		assertThat(this.lanes.activeLanes()).isZero();
	}

	@Test
	void manyLanesShouldRunEveryTaskOnceInOrder() {
		Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
		int keys = 500;
		int perKey = 40;
		for (int n = 0; n < perKey; n++) {
			for (int k = 0; k < keys; k++) {
				String key = "channel:" + k;
				int value = n;
				this.lanes.submit(key, () -> {
					seen.computeIfAbsent(key, (ignored) -> new CopyOnWriteArrayList<>()).add(value);
					return null;
				});
			}
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.lanes.pending() == 0);
		assertThat(seen).hasSize(keys);
		List<Integer> expected = new ArrayList<>();
		for (int n = 0; n < perKey; n++) {
			expected.add(n);
		}
		assertThat(seen.values()).allSatisfy((values) -> assertThat(values).isEqualTo(expected));
		// far fewer hand-offs to the executor than tasks
		assertThat(this.executor.getCompletedTaskCount()).isLessThan((long) keys * perKey / 2);
	}

	@Test
	void throwingTaskShouldNotBlockItsLane() {
		List<String> log = new CopyOnWriteArrayList<>();
		this.lanes.submit("channel:a", () -> {
			throw new IllegalStateException("boom");
		});
		this.lanes.submit("channel:a", () -> {
			log.add("after");
			return null;
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> log.size() == 1);
		assertThat(this.lanes.pending()).isZero();
	}

	@Test
	void submitAfterExecutorShutdownShouldDiscardWithoutThrowing() {
		this.executor.shutdown();
		this.lanes.submit("channel:a", () -> null);
		assertThat(this.lanes.pending()).isZero();
		assertThat(this.lanes.activeLanes()).isZero();
	}

	private static void sleepSometimes() {
		if (ThreadLocalRandom.current().nextInt(50) == 0) {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
