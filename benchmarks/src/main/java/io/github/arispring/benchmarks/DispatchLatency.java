package io.github.arispring.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.event.AriEvent;
import io.github.arispring.listener.AriEventDispatcher;

/**
 * Dispatch latency at a fixed event rate: from the moment the server hands a frame to its
 * socket (the send time travels in the frame; client and server share the JVM and its
 * {@code System.nanoTime}) to the entry of the {@code @StasisEventHandler} method. Over
 * loopback this is the frame's arrival plus a few microseconds of socket.
 */
public final class DispatchLatency {

	private static final long JVM_START_NANOS = System.nanoTime()
			- java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;

	private DispatchLatency() {
	}

	public static void main(String[] args) throws Exception {
		int channels = Integer.getInteger("bench.channels", 1000);
		int rate = Integer.getInteger("bench.latency.rate", 20_000);
		int seconds = Integer.getInteger("bench.latency.seconds", 10);
		int warmupSeconds = Integer.getInteger("bench.latency.warmup", 10);
		int rounds = Integer.getInteger("bench.latency.rounds", 5);
		EventStream stream = EventStream.build(channels);
		OrderChecker checker = new OrderChecker(stream);
		try (EventsServer server = EventsServer.start();
				ConfigurableApplicationContext context = StarterApp.run(server.url(), stream.applications,
						(TimingHandler.TRACE != null) ? List.of(TimingHandler.class, ReadClock.class)
								: List.of(TimingHandler.class))) {
			TimingHandler handler = context.getBean(TimingHandler.class);
			handler.checker = checker;
			AriEventDispatcher dispatcher = context.getBean(AriEventDispatcher.class);
			Channel channel = server.awaitConnection(String.join(",", stream.applications), Duration.ofSeconds(10));
			if (TimingHandler.TRACE != null) {
				Out.progress("trace clock: JVM uptime %d ns at x_sent %d", System.nanoTime() - JVM_START_NANOS,
						System.nanoTime() - EventsServer.EPOCH);
			}
			long count = (long) rate * warmupSeconds;
			handler.histogram = newHistogram();
			checker.arm(count);
			server.pace(channel, stream, rate, count, Duration.ofSeconds(warmupSeconds + 5));
			EventsThroughput.await(checker, dispatcher, java.util.concurrent.CompletableFuture.completedFuture(null),
					count);
			Out.progress("latency warm-up: %d events at %d/s, p99 %.3f ms", checker.count(), rate,
					handler.histogram.getValueAtPercentile(99) / 1e6);
			double[] p50 = new double[rounds];
			double[] p99 = new double[rounds];
			double[] p999 = new double[rounds];
			double max = 0;
			double worstP99 = 0;
			long lost = 0;
			long droppedBefore = dispatcher.getDroppedCount();
			Histogram all = newHistogram();
			count = (long) rate * seconds;
			Histogram hiccups = newHistogram();
			Thread hiccupMeter = hiccupMeter(hiccups);
			for (int round = 0; round < rounds; round++) {
				Histogram histogram = newHistogram();
				handler.histogram = histogram;
				checker.arm(count);
				long start = System.nanoTime();
				long sent = server.pace(channel, stream, rate, count, Duration.ofSeconds(seconds + 5));
				double achieved = sent * 1e9 / (System.nanoTime() - start);
				long received = EventsThroughput.await(checker, dispatcher,
						java.util.concurrent.CompletableFuture.completedFuture(null), sent);
				lost += sent - received;
				p50[round] = histogram.getValueAtPercentile(50) / 1e6;
				p99[round] = histogram.getValueAtPercentile(99) / 1e6;
				p999[round] = histogram.getValueAtPercentile(99.9) / 1e6;
				max = Math.max(max, histogram.getMaxValue() / 1e6);
				worstP99 = Math.max(worstP99, p99[round]);
				all.add(histogram);
				Out.progress("latency round %d: %d events at %.0f/s: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
						round + 1, received, achieved, p50[round], p99[round], p999[round], histogram.getMaxValue() / 1e6);
			}
			if (TimingHandler.TRACE != null) {
				try (java.io.PrintWriter trace = new java.io.PrintWriter(System.getProperty("bench.latency.trace"))) {
					for (int i = 0; i < Math.min(TimingHandler.TRACED.get(), TimingHandler.TRACE.length / 3); i++) {
						int seq = (int) TimingHandler.TRACE[3 * i + 2];
						trace.println(TimingHandler.TRACE[3 * i] + " " + TimingHandler.TRACE[3 * i + 1] + " " + seq + " "
								+ stream.types[seq] + " " + String.join(",", stream.keys[seq]));
					}
				}
				try (java.io.PrintWriter trace = new java.io.PrintWriter(System.getProperty("bench.latency.trace") + ".read")) {
					for (int i = 0; i < Math.min(ReadClock.COUNT.get(), ReadClock.TIMES.length); i++) {
						trace.println(ReadClock.TIMES[i]);
					}
				}
			}
			hiccupMeter.interrupt();
			hiccupMeter.join(1000);
			Out.progress("hiccups (a thread that only sleeps 1 ms at a time, overshoot): p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
					hiccups.getValueAtPercentile(99) / 1e6, hiccups.getValueAtPercentile(99.9) / 1e6,
					hiccups.getMaxValue() / 1e6);
			Out.result("latency.hiccupP99", fmt(hiccups.getValueAtPercentile(99) / 1e6));
			Out.result("latency.hiccupP999", fmt(hiccups.getValueAtPercentile(99.9) / 1e6));
			Out.result("latency.hiccupMax", fmt(hiccups.getMaxValue() / 1e6));
			Out.result("latency.rate", rate);
			Out.result("latency.events", all.getTotalCount());
			Out.result("latency.p50", fmt(Out.median(p50)));
			Out.result("latency.p99", fmt(Out.median(p99)));
			Out.result("latency.p999", fmt(Out.median(p999)));
			Out.result("latency.max", fmt(max));
			Out.result("latency.worstP99", fmt(worstP99));
			Out.result("latency.rounds", rounds);
			Out.result("latency.seconds", seconds);
			Out.result("latency.lost", lost);
			Out.result("latency.dropped", dispatcher.getDroppedCount() - droppedBefore);
			Out.result("latency.violations", checker.violations.sum());
			Out.result("latency.untyped", checker.untyped.sum());
		}
	}

	/**
	 * Measures what the platform (OS, JVM: GC, safepoints, compilation) alone adds to a thread
	 * that sleeps 1 ms at a time, as jHiccup does: the floor under the dispatch latency.
	 */
	private static Thread hiccupMeter(Histogram hiccups) {
		Thread meter = new Thread(() -> {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
			while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
				long start = System.nanoTime();
				java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
				hiccups.recordValue(Math.max(0, System.nanoTime() - start - 1_000_000));
			}
		}, "hiccup-meter");
		meter.setDaemon(true);
		meter.start();
		return meter;
	}

	private static Histogram newHistogram() {
		return new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
	}

	private static String fmt(double millis) {
		return String.format(Locale.ROOT, "%.3f", millis);
	}

	/** With tracing: when the reader thread has decoded each event, in arrival order. */
	public static class ReadClock implements io.github.arispring.listener.AriListenerMetrics {

		static final long[] TIMES = new long[2_000_000];

		static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();

		@Override
		public void eventReceived(String type, String application) {
			int i = COUNT.getAndIncrement();
			if (i < TIMES.length) {
				TIMES[i] = System.nanoTime() - EventsServer.EPOCH;
			}
		}

	}

	/** The handler: records the latency first, then checks type and order. */
	public static class TimingHandler {

		/** With {@code -Dbench.latency.trace=FILE}, every event's send time, latency, position, type and keys go to FILE. */
		static final long[] TRACE = (System.getProperty("bench.latency.trace") != null) ? new long[3 * 2_000_000] : null;

		static final java.util.concurrent.atomic.AtomicInteger TRACED = new java.util.concurrent.atomic.AtomicInteger();

		volatile OrderChecker checker;

		volatile Histogram histogram;

		@StasisEventHandler
		void on(AriEvent event) {
			long now = System.nanoTime() - EventsServer.EPOCH;
			Object sent = event.additionalProperties().get("x_sent");
			if (sent instanceof String text) {
				long sentAt = Long.parseLong(text);
				this.histogram.recordValue(Math.max(0, now - sentAt));
				if (TRACE != null) {
					int i = TRACED.getAndIncrement();
					if (i < TRACE.length / 3) {
						TRACE[3 * i] = sentAt;
						TRACE[3 * i + 1] = now - sentAt;
						TRACE[3 * i + 2] = OrderChecker.seq(event);
					}
				}
			}
			this.checker.accept(event);
		}

	}

}
