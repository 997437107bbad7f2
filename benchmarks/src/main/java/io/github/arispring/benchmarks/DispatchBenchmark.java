package io.github.arispring.benchmarks;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.json.JsonMapper;

import io.github.arispring.event.AriEvent;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventExecutors;
import io.github.arispring.listener.AriEventHandler;

/**
 * What dispatch costs without the socket and the decode: decoded events of about 1,000
 * channels handed to {@link AriEventDispatcher} (ordered lanes on the default executor) and
 * counted by a handler; a batch is done when the handler has seen all of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DispatchBenchmark {

	static final int BATCH = 10_000;

	private AriEvent[] events;

	private int next;

	private Executor executor;

	private AriEventDispatcher dispatcher;

	private final AtomicLong handled = new AtomicLong();

	@Setup(Level.Trial)
	public void setUp() {
		EventStream stream = EventStream.build(1000);
		JsonMapper mapper = JsonMapper.builder().build();
		this.events = stream.texts.stream().map((text) -> mapper.readValue(text, AriEvent.class)).toArray(AriEvent[]::new);
		this.executor = AriEventExecutors.create(64);
		this.dispatcher = new AriEventDispatcher(this.executor, 100_000);
		this.dispatcher.addHandler(new AriEventHandler() {

			@Override
			public String name() {
				return "count";
			}

			@Override
			public boolean supportsEventType(Class<? extends AriEvent> eventType) {
				return true;
			}

			@Override
			public CompletionStage<?> handle(AriEvent event) {
				DispatchBenchmark.this.handled.incrementAndGet();
				return null;
			}

		});
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void dispatch() {
		long target = this.handled.get() + BATCH;
		for (int i = 0; i < BATCH; i++) {
			this.dispatcher.dispatch(this.events[this.next]);
			this.next = (this.next + 1 == this.events.length) ? 0 : this.next + 1;
		}
		while (this.handled.get() < target) {
			LockSupport.parkNanos(20_000);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.executor instanceof ExecutorService service) {
			service.shutdownNow();
		}
	}

}
