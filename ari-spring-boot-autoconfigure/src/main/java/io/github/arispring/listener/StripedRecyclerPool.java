package io.github.arispring.listener;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffers for the frames bound on handler threads: a few slots, each on a cache line
 * of its own, picked by thread (or the next one, when two threads share a slot). A thread that binds frame after frame (a drainer of the
 * ordered lanes) takes its buffers from its slot and puts them back there, without a lock,
 * without contention and without allocating, where Jackson's default shared deque makes
 * handler threads contend for its ends and allocates a node per release. Virtual threads,
 * which come and go, share the slots in the same way; when a slot is empty a thread makes new
 * buffers, and when it is taken the buffers are left to the garbage collector.
 */
final class StripedRecyclerPool implements RecyclerPool<BufferRecycler> {

	private static final long serialVersionUID = 1L;

	/** References per slot: 128 bytes apart, so that no two slots share a cache line. */
	private static final int STRIDE = 16;

	private final int mask;

	private final transient AtomicReferenceArray<@Nullable BufferRecycler> slots;

	StripedRecyclerPool() {
		int count = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1;
		this.mask = count - 1;
		this.slots = new AtomicReferenceArray<>(count * STRIDE);
	}

	@Override
	public BufferRecycler acquirePooled() {
		int index = index();
		BufferRecycler recycler = take(index);
		if (recycler == null) {
			recycler = take(next(index));
		}
		return (recycler != null) ? recycler : new BufferRecycler();
	}

	@Override
	public void releasePooled(BufferRecycler recycler) {
		int index = index();
		if (!put(index, recycler)) {
			put(next(index), recycler);
		}
	}

	private @Nullable BufferRecycler take(int index) {
		BufferRecycler recycler = this.slots.get(index);
		return (recycler != null && this.slots.compareAndSet(index, recycler, null)) ? recycler : null;
	}

	private boolean put(int index, BufferRecycler recycler) {
		return this.slots.get(index) == null && this.slots.compareAndSet(index, null, recycler);
	}

	/** The slot a thread tries when its own is empty or full: another thread's, at times. */
	private int next(int index) {
		return (index + STRIDE) & (this.mask * STRIDE + STRIDE - 1);
	}

	@Override
	public boolean clear() {
		for (int i = 0; i < this.slots.length(); i += STRIDE) {
			this.slots.set(i, null);
		}
		return true;
	}

	private int index() {
		long id = Thread.currentThread().getId();
		int hash = (int) (id ^ (id >>> 32)) * 0x9E3779B9;
		return ((hash ^ (hash >>> 16)) & this.mask) * STRIDE;
	}

	private Object readResolve() {
		return new StripedRecyclerPool();
	}

}
