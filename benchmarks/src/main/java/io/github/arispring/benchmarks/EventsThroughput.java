package io.github.arispring.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.netty.channel.Channel;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.broadcast.AriBroadcastClaimer;
import io.github.arispring.event.AriEvent;
import io.github.arispring.listener.AriEventDispatcher;

/**
 * Events per second from WebSocket frames to a {@code @StasisEventHandler} method, against
 * the ceiling measured in the same JVM and the same rounds: the same frames read by a bare
 * Reactor Netty client that decodes only {@code type}. Rounds alternate ceiling and starter;
 * the figures are medians over the measured rounds.
 */
public final class EventsThroughput {

	private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private EventsThroughput() {
	}

	public static void main(String[] args) throws Exception {
		int channels = Integer.getInteger("bench.channels", 1000);
		int repeats = Integer.getInteger("bench.events.repeats", 30);
		int warmups = Integer.getInteger("bench.events.warmups", 10);
		int maxWarmups = Integer.getInteger("bench.events.maxWarmups", 40);
		long quietJitMillis = Long.getLong("bench.events.quietJitMillis", 20);
		int rounds = Integer.getInteger("bench.events.rounds", 5);
		EventStream stream = EventStream.build(channels);
		long total = (long) stream.size() * repeats;
		Out.progress("events: %d frames per pass (%d copies of %d recorded flows: %d channels, %d bridges), %d passes per run",
				stream.size(), stream.copies, Samples.FLOWS.size(), stream.channels, stream.bridges, repeats);
		Out.result("events.frames", stream.size());
		Out.result("events.copies", stream.copies);
		Out.result("events.channels", stream.channels);
		Out.result("events.bridges", stream.bridges);
		Out.result("events.perRun", total);
		Out.result("events.meanFrameBytes", stream.payloadBytes() / stream.size());
		OrderChecker checker = new OrderChecker(stream);
		try (EventsServer server = EventsServer.start();
				ConfigurableApplicationContext context = StarterApp.run(server.url(), stream.applications,
						List.of(CheckingHandler.class))) {
			context.getBean(CheckingHandler.class).checker = checker;
			AriEventDispatcher dispatcher = context.getBean(AriEventDispatcher.class);
			Channel starter = server.awaitConnection(String.join(",", stream.applications), Duration.ofSeconds(10));
			try (CeilingClient ceiling = CeilingClient.connect(server.url().replace("http", "ws") + "/ari/events?app=ceiling")) {
				Channel bare = server.awaitConnection("ceiling", Duration.ofSeconds(10));
				double[] ceilingRates = new double[rounds];
				double[] starterRates = new double[rounds];
				double[] ceilingCpu = new double[rounds];
				double[] starterCpu = new double[rounds];
				long lost = 0;
				long dropped = 0;
				// Warm-up passes until the starter's CPU per event stops falling (two passes in a
				// row no more than 3% below the best before them) and the JIT is done (two passes
				// in a row during which its compilers finished at most bench.events.quietJitMillis
				// of compiling), at least bench.events.warmups of them and at most
				// bench.events.maxWarmups. On two cores, one C2 thread shares them with the reader
				// and the handlers; the methods that start-up and the rarely run claims of
				// broadcast offers made hot keep it busy for a minute or more, and rounds measured
				// before that count its work, and the slower code meanwhile, as the starter's.
				double bestWarmup = Double.MAX_VALUE;
				int flatWarmups = 0;
				int quietWarmups = 0;
				int warmupsRun = 0;
				for (int round = -1; round < rounds; round++) {
					boolean warmup = round < 0;
					String label = warmup ? "warm-up " + (warmupsRun + 1) : "round " + (round + 1);
					ceiling.arm(total);
					long jitBefore = jitMillis();
					long cpu = processCpuNanos();
					long start = System.nanoTime();
					server.blast(bare, stream, repeats);
					ceiling.done().get(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
					double ceilingRate = total * 1e9 / (ceiling.lastAt() - start);
					double ceilingMicros = (processCpuNanos() - cpu) / 1e3 / total;

					long droppedBefore = dispatcher.getDroppedCount();
					checker.arm(total);
					Map<String, Long> threadsBefore = threadCpuNanos();
					Map<String, Long> allocatedBefore = threadAllocatedBytes();
					long tasksBefore = executorTasks(context);
					cpu = processCpuNanos();
					start = System.nanoTime();
					CompletableFuture<Void> sent = server.blast(starter, stream, repeats);
					long received = await(checker, dispatcher, sent, total);
					double starterRate = received * 1e9 / (checker.lastAt() - start);
					double starterMicros = (processCpuNanos() - cpu) / 1e3 / Math.max(1, received);
					long jit = jitMillis() - jitBefore;
					Map<String, Long> threadsAfter = threadCpuNanos();
					Map<String, Long> allocatedAfter = threadAllocatedBytes();
					StringBuilder perThread = new StringBuilder();
					threadsAfter.forEach((group, nanos) -> perThread.append(String.format(Locale.ROOT, " %s %.2f", group,
							(nanos - threadsBefore.getOrDefault(group, 0L)) / 1e3 / Math.max(1, received))));
					Out.progress("events %s: starter's CPU per event by thread group, µs:%s; executor tasks per event %.3f; "
							+ "JIT compiling %d ms in the pass", label, perThread,
							(executorTasks(context) - tasksBefore) / (double) Math.max(1, received), jit);
					StringBuilder allocated = new StringBuilder();
					long allocatedTotal = 0;
					for (Map.Entry<String, Long> group : allocatedAfter.entrySet()) {
						long bytes = group.getValue() - allocatedBefore.getOrDefault(group.getKey(), 0L);
						allocatedTotal += bytes;
						if (bytes >= received) {
							allocated.append(String.format(Locale.ROOT, " %s %d", group.getKey(), bytes / Math.max(1, received)));
						}
					}
					Out.progress("events %s: starter's heap allocation per event, bytes: %d;%s", label,
							allocatedTotal / Math.max(1, received), allocated);
					context.getBeanProvider(AriBroadcastClaimer.class)
						.ifAvailable((claimer) -> Out.progress(
								"events %s: broadcast offers so far: won %d, lost %d, declined %d, failed %d; %d calls in progress",
								label, claimer.getClaimCount(AriBroadcastClaimer.Outcome.WON),
								claimer.getClaimCount(AriBroadcastClaimer.Outcome.LOST),
								claimer.getClaimCount(AriBroadcastClaimer.Outcome.DECLINED),
								claimer.getClaimCount(AriBroadcastClaimer.Outcome.FAILED), claimer.getCallsInProgress()));
					long runDropped = dispatcher.getDroppedCount() - droppedBefore;
					Out.progress(
							"events %s: ceiling %.0f/s, starter %.0f/s (%.0f%%), received %d/%d, dropped %d; process CPU per event: ceiling %.2f µs, starter %.2f µs",
							label, ceilingRate, starterRate, 100 * starterRate / ceilingRate, received, total, runDropped,
							ceilingMicros, starterMicros);
					if (warmup) {
						warmupsRun++;
						flatWarmups = (starterMicros < 0.97 * bestWarmup) ? 0 : flatWarmups + 1;
						bestWarmup = Math.min(bestWarmup, starterMicros);
						quietWarmups = (jit > quietJitMillis) ? 0 : quietWarmups + 1;
						if ((warmupsRun < warmups || flatWarmups < 2 || quietWarmups < 2) && warmupsRun < maxWarmups) {
							round--;
						}
						continue;
					}
					if (round >= 0) {
						ceilingRates[round] = ceilingRate;
						starterRates[round] = starterRate;
						ceilingCpu[round] = ceilingMicros;
						starterCpu[round] = starterMicros;
						lost += total - received;
						dropped += runDropped;
					}
				}
				double ceilingMedian = Out.median(ceilingRates);
				double starterMedian = Out.median(starterRates);
				Out.result("events.ceiling", String.format(Locale.ROOT, "%.0f", ceilingMedian));
				Out.result("events.starter", String.format(Locale.ROOT, "%.0f", starterMedian));
				Out.result("events.ratio", String.format(Locale.ROOT, "%.3f", starterMedian / ceilingMedian));
				Out.result("events.ceilingCpuMicros", String.format(Locale.ROOT, "%.2f", Out.median(ceilingCpu)));
				Out.result("events.starterCpuMicros", String.format(Locale.ROOT, "%.2f", Out.median(starterCpu)));
				Out.result("events.lost", lost);
				Out.result("events.dropped", dropped);
				Out.result("events.violations", checker.violations.sum());
				Out.result("events.untyped", checker.untyped.sum());
				Out.result("events.ceilingMalformed", ceiling.malformed());
				Out.result("events.checked", checker.total());
				Out.result("events.broadcastClaims", server.claims.get());
				Out.result("events.warmupPasses", warmupsRun);
			}
		}
	}

	/** Tasks the handler executor ran, where it counts them (a thread pool, on Java 17). */
	static long executorTasks(ConfigurableApplicationContext context) {
		Object executor = context.getBean("ariEventExecutor");
		return (executor instanceof java.util.concurrent.ThreadPoolExecutor pool) ? pool.getCompletedTaskCount() : 0;
	}

	/**
	 * CPU time of live threads by name, digits removed (threads that ended are not counted):
	 * on Linux every thread of the process, the JIT compilers and the garbage collector
	 * included, from {@code /proc/self/task} (names cut to 15 characters, 10 ms ticks);
	 * elsewhere the Java threads.
	 */
	static Map<String, Long> threadCpuNanos() {
		Path tasks = Path.of("/proc/self/task");
		if (Files.isDirectory(tasks)) {
			Map<String, Long> groups = new TreeMap<>();
			try (Stream<Path> threads = Files.list(tasks)) {
				threads.forEach((thread) -> {
					try {
						String name = Files.readString(thread.resolve("comm")).trim();
						String stat = Files.readString(thread.resolve("stat"));
						// After the name in parentheses: state, then 10 fields, then utime and stime.
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
						if (ticks > 0) {
							groups.merge(DIGITS.matcher(name).replaceAll("#"), ticks * 10_000_000L, Long::sum);
						}
					}
					catch (IOException | RuntimeException ex) {
						// the thread ended meanwhile
					}
				});
				return groups;
			}
			catch (IOException ex) {
				// fall back to the Java threads
			}
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> groups = new TreeMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null) {
				long nanos = threads.getThreadCpuTime(info.getThreadId());
				if (nanos > 0) {
					groups.merge(DIGITS.matcher(info.getThreadName()).replaceAll("#"), nanos, Long::sum);
				}
			}
		}
		return groups;
	}

	/** Bytes allocated on the heap by live threads, by name, digits removed. */
	static Map<String, Long> threadAllocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		Map<String, Long> groups = new TreeMap<>();
		long[] ids = threads.getAllThreadIds();
		long[] bytes = threads.getThreadAllocatedBytes(ids);
		ThreadInfo[] infos = threads.getThreadInfo(ids);
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && bytes[i] > 0) {
				groups.merge(DIGITS.matcher(infos[i].getThreadName()).replaceAll("#"), bytes[i], Long::sum);
			}
		}
		return groups;
	}

	/** Time the JIT compilers have spent compiling since start. */
	static long jitMillis() {
		return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
	}

	/** CPU time of this whole JVM (server, clients, handlers), all threads. */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Waits for every event, or for the handlers to go idle once everything was sent. */
	static long await(OrderChecker checker, AriEventDispatcher dispatcher, CompletableFuture<Void> sent, long total)
			throws Exception {
		long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				checker.done().get(100, TimeUnit.MILLISECONDS);
				return total;
			}
			catch (TimeoutException ex) {
				if (sent.isDone() && dispatcher.getPendingCount() == 0) {
					long seen = checker.count();
					Thread.sleep(500);
					if (checker.count() == seen && dispatcher.getPendingCount() == 0) {
						return seen;
					}
				}
			}
		}
		return checker.count();
	}

	/** The handler: checks type and per-key order of every event. */
	public static class CheckingHandler {

		volatile OrderChecker checker;

		@StasisEventHandler
		void on(AriEvent event) {
			this.checker.accept(event);
		}

	}

}
