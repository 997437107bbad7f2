package io.github.arispring.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

import io.github.arispring.event.AriEvent;

/**
 * What the reader thread spends per frame: the typed decode the listener does (the same
 * mapper settings as its reader) against the ceiling client's type-only scan, over one pass
 * of every recorded flow.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameDecodeBenchmark {

	private byte[][] frames;

	private int next;

	private JsonMapper mapper;

	@Setup
	public void setUp() {
		this.frames = EventStream.build(1).oneCopy().toArray(byte[][]::new);
		// plain Jackson binding of the polymorphic AriEvent, the reference for the listener's reader
		this.mapper = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
			.build();
	}

	@Benchmark
	public AriEvent typedEvent() {
		return this.mapper.readValue(frame(), AriEvent.class);
	}

	@Benchmark
	public String typeOnly() {
		return CeilingClient.type(frame());
	}

	private byte[] frame() {
		byte[] frame = this.frames[this.next];
		this.next = (this.next + 1 == this.frames.length) ? 0 : this.next + 1;
		return frame;
	}

}
