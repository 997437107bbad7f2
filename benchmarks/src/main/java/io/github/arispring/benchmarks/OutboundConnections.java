package io.github.arispring.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.outbound.AriOutboundConnections;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;
import io.github.arispring.test.simulator.OutboundApplication;

/**
 * Per-call outbound WebSockets through the application's endpoint: the simulator plays
 * Asterisk and opens one socket per call to an application on Reactor Netty (loopback); the
 * application's handler sees StasisStart and StasisEnd of each call. Measures connections per
 * second (a call's socket opened, its StasisStart handled, the call hung up), heap after GC at
 * intervals (it must stay flat over many calls), and heap per open connection with many calls
 * in progress. Both sides run in this JVM: the heap per connection includes the simulator's
 * side of each socket.
 */
public final class OutboundConnections {

	private static final String APP = "bench-outbound";

	private OutboundConnections() {
	}

	public static void main(String[] args) throws Exception {
		int calls = Integer.getInteger("bench.outbound.calls", 10_000);
		int open = Integer.getInteger("bench.outbound.open", 1_000);
		int callers = Integer.getInteger("bench.outbound.callers", 4);
		try (AriSimulator simulator = AriSimulator.builder().logCapacity(1_000).build().start();
				ConfigurableApplicationContext app = new SpringApplicationBuilder(Config.class)
					.web(WebApplicationType.REACTIVE)
					.bannerMode(Banner.Mode.OFF)
					.logStartupInfo(false)
					.properties("server.port=0", "ari.outbound.enabled=true", "logging.level.io.github.arispring=warn")
					.run()) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			Handler handler = app.getBean(Handler.class);
			AriOutboundConnections connections = app.getBean(AriOutboundConnections.class);
			OutboundApplication perCall = simulator.perCallApplication(APP,
					URI.create("ws://127.0.0.1:" + port + "/ari/outbound"), null, null, Duration.ofMillis(10));
			MemoryFootprint.Snapshot idle = MemoryFootprint.Snapshot.take();
			Out.progress("idle: heap %.1f MB", idle.heapMb());

			// Connections per second, and heap after GC every 2,000 calls.
			AtomicInteger next = new AtomicInteger();
			AtomicLong failures = new AtomicLong();
			List<String> heaps = new ArrayList<>();
			long callNanos = 0;
			int step = Math.min(2_000, calls);
			for (int done = 0; done < calls; done += step) {
				int until = Math.min(calls, done + step);
				long roundStart = System.nanoTime();
				ExecutorService pool = Executors.newFixedThreadPool(callers);
				for (int c = 0; c < callers; c++) {
					pool.execute(() -> {
						for (int i = next.getAndIncrement(); i < until; i = next.getAndIncrement()) {
							try {
								Call call = simulator.incomingCall("+1" + i).into(APP);
								awaitQuietly(() -> handler.has(call.id()));
								call.hangUp();
							}
							catch (RuntimeException ex) {
								failures.incrementAndGet();
							}
						}
					});
				}
				pool.shutdown();
				pool.awaitTermination(10, TimeUnit.MINUTES);
				next.set(until);
				await(() -> connections.getActiveCount() == 0 && perCall.openCount() == 0, "sockets closed");
				callNanos += System.nanoTime() - roundStart;
				MemoryFootprint.Snapshot snapshot = MemoryFootprint.Snapshot.take();
				heaps.add(until + ": " + String.format(Locale.ROOT, "%.1f", snapshot.heapMb()));
				Out.progress("%d calls: heap after GC %.1f MB, %d connections open", until, snapshot.heapMb(),
						connections.getActiveCount());
			}
			double seconds = callNanos / 1e9;
			double rate = calls / seconds;
			Out.progress("%d per-call connections in %.1f s: %.0f/s, %d failures", calls, seconds, rate, failures.get());

			// Heap per open connection: many calls in progress at once.
			MemoryFootprint.Snapshot before = MemoryFootprint.Snapshot.take();
			List<Call> held = new ArrayList<>();
			for (int i = 0; i < open; i++) {
				held.add(simulator.incomingCall("+2" + i).into(APP));
			}
			await(() -> connections.getActiveCount() == open, open + " connections open");
			MemoryFootprint.Snapshot busy = MemoryFootprint.Snapshot.take();
			held.forEach(Call::hangUp);
			await(() -> connections.getActiveCount() == 0, "connections closed");
			MemoryFootprint.Snapshot after = MemoryFootprint.Snapshot.take();
			double perConnectionKb = (busy.heap() - before.heap()) / 1024.0 / open;
			Out.progress("%d open connections: heap %.1f MB (%.1f KB per connection, both sides); after: %.1f MB",
					open, busy.heapMb(), perConnectionKb, after.heapMb());

			Out.result("outbound.calls", calls);
			Out.result("outbound.rate", String.format(Locale.ROOT, "%.0f", rate));
			Out.result("outbound.failures", failures.get());
			Out.result("outbound.heaps", String.join(", ", heaps));
			Out.result("outbound.open", open);
			Out.result("outbound.heapPerConnectionKb", String.format(Locale.ROOT, "%.1f", perConnectionKb));
			Out.result("outbound.leftOpen", connections.getActiveCount());
			Out.result("outbound.handled", handler.ended.get() + "/" + (calls + open));
		}
	}

	private static void awaitQuietly(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("StasisStart not handled within 30 s");
			}
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out waiting for " + what);
			}
			Thread.sleep(10);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Handler handler() {
			return new Handler();
		}

	}

	/** Counts the calls' StasisStart and StasisEnd, and remembers the calls in progress. */
	public static class Handler {

		final AtomicLong started = new AtomicLong();

		final AtomicLong ended = new AtomicLong();

		private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

		@StasisEventHandler(applications = APP)
		void start(StasisStart start) {
			this.inProgress.add(start.channel().id());
			this.started.incrementAndGet();
		}

		@StasisEventHandler(applications = APP)
		void end(StasisEnd end) {
			this.inProgress.remove(end.channel().id());
			this.ended.incrementAndGet();
		}

		boolean has(String channelId) {
			return this.inProgress.contains(channelId);
		}

	}

}
