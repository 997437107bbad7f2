package io.github.arispring.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.ChannelStateChange;
import io.github.arispring.event.PlaybackStarted;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriEventDispatcher;

/**
 * Heap (after a full GC) and resident memory with 1,000 calls in progress: 1,000 channels
 * of the recorded inbound flow (StasisStart, ChannelStateChange, PlaybackStarted) whose
 * handlers keep per-call state, each with a handler still running (it returned a stage that
 * stands for an unanswered REST call), so its channel's lane holds. Measured against the same
 * application before the calls, and after they ended.
 */
public final class MemoryFootprint {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private MemoryFootprint() {
	}

	public static void main(String[] args) throws Exception {
		int callCount = Integer.getInteger("bench.memory.calls", 1000);
		List<String> flow = Samples.flow("1-inbound-answer-play-hangup");
		EventStream.Renamer renamer = new EventStream.Renamer(flow);
		String application = "hello-world";
		try (EventsServer server = EventsServer.start();
				ConfigurableApplicationContext context = StarterApp.run(server.url(), List.of(application),
						List.of(CallHandlers.class))) {
			CallHandlers handlers = context.getBean(CallHandlers.class);
			AriEventDispatcher dispatcher = context.getBean(AriEventDispatcher.class);
			Channel channel = server.awaitConnection(application, Duration.ofSeconds(10));
			// a first round of complete calls, so that what is measured is not first-use set-up
			handlers.released = true;
			send(channel, calls(renamer, flow.size(), 0, flow.size(), 200, "-w"));
			await(() -> handlers.ended.sum() == 200 && dispatcher.getPendingCount() == 0, "warm-up calls");
			handlers.released = false;
			Snapshot idle = Snapshot.take();
			Out.progress("memory idle: heap %.1f MB, RSS %.1f MB, %d threads", idle.heapMb(), idle.rssMb(), idle.threads);

			send(channel, calls(renamer, flow.size(), 0, 3, callCount, "-m"));
			await(() -> handlers.calls.size() == callCount && handlers.playing.sum() == 200 + callCount,
					"calls in progress");
			Snapshot busy = Snapshot.take();
			int pending = dispatcher.getPendingCount();
			Out.progress("memory with %d calls in progress: heap %.1f MB, RSS %.1f MB, %d threads, %d events pending",
					callCount, busy.heapMb(), busy.rssMb(), busy.threads, pending);

			handlers.releaseAll();
			send(channel, calls(renamer, flow.size(), 3, flow.size(), callCount, "-m"));
			await(() -> handlers.ended.sum() == 200 + callCount && handlers.calls.isEmpty()
					&& dispatcher.getPendingCount() == 0, "calls ending");
			Snapshot after = Snapshot.take();
			Out.progress("memory after the calls ended: heap %.1f MB, RSS %.1f MB, %d threads", after.heapMb(),
					after.rssMb(), after.threads);
			Out.result("memory.calls", callCount);
			Out.result("memory.idleHeapMb", String.format(java.util.Locale.ROOT, "%.1f", idle.heapMb()));
			Out.result("memory.idleRssMb", String.format(java.util.Locale.ROOT, "%.1f", idle.rssMb()));
			Out.result("memory.busyHeapMb", String.format(java.util.Locale.ROOT, "%.1f", busy.heapMb()));
			Out.result("memory.busyRssMb", String.format(java.util.Locale.ROOT, "%.1f", busy.rssMb()));
			Out.result("memory.afterHeapMb", String.format(java.util.Locale.ROOT, "%.1f", after.heapMb()));
			Out.result("memory.afterRssMb", String.format(java.util.Locale.ROOT, "%.1f", after.rssMb()));
			Out.result("memory.heapPerCallKb",
					String.format(java.util.Locale.ROOT, "%.1f", (busy.heap - idle.heap) / 1024.0 / callCount));
			Out.result("memory.pending", pending);
			Out.result("memory.threads", busy.threads);
		}
	}

	/** Frames {@code from} (inclusive) to {@code to} of the flow for each call, call after call per frame. */
	private static List<String> calls(EventStream.Renamer renamer, int flowSize, int from, int to, int count,
			String prefix) {
		List<String> frames = new ArrayList<>();
		for (int frame = from; frame < to; frame++) {
			for (int call = 0; call < count; call++) {
				frames.add(renamer.rename(frame, prefix + call));
			}
		}
		return frames;
	}

	private static void send(Channel channel, List<String> frames) {
		channel.eventLoop().execute(() -> {
			for (String frame : frames) {
				channel.write(new TextWebSocketFrame(frame));
			}
			channel.flush();
		});
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out waiting for " + what);
			}
			Thread.sleep(10);
		}
	}

	record Snapshot(long heap, long rss, int threads) {

		static Snapshot take() throws InterruptedException, IOException {
			for (int i = 0; i < 3; i++) {
				System.gc();
				Thread.sleep(200);
			}
			long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			return new Snapshot(heap, readRss(), Thread.activeCount());
		}

		double heapMb() {
			return this.heap / 1048576.0;
		}

		double rssMb() {
			return this.rss / 1048576.0;
		}

		static long readRss() throws IOException {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
			return -1;
		}

	}

	/** An application's per-call state: the call's events and what it waits for. */
	static final class Call {

		final StasisStart start;

		final List<AriEvent> events = new CopyOnWriteArrayList<>();

		final CompletableFuture<Void> answer = new CompletableFuture<>();

		Call(StasisStart start) {
			this.start = start;
		}

	}

	/** Handlers that keep a state object per call and hold each call mid-flow until released. */
	public static class CallHandlers {

		final Map<String, Call> calls = new ConcurrentHashMap<>();

		final LongAdder playing = new LongAdder();

		final LongAdder ended = new LongAdder();

		volatile boolean released;

		@StasisEventHandler
		void start(StasisStart event) {
			this.calls.put(event.channel().id(), new Call(event));
		}

		@StasisEventHandler
		void state(ChannelStateChange event) {
			this.calls.get(event.channel().id()).events.add(event);
		}

		@StasisEventHandler
		CompletionStage<Void> playing(PlaybackStarted event) {
			Call call = this.calls.get(event.playback().targetUri().substring("channel:".length()));
			call.events.add(event);
			this.playing.increment();
			return this.released ? CompletableFuture.completedFuture(null) : call.answer;
		}

		@StasisEventHandler
		void end(StasisEnd event) {
			this.calls.remove(event.channel().id());
			this.ended.increment();
		}

		void releaseAll() {
			this.calls.values().forEach((call) -> call.answer.complete(null));
		}

	}

}
