package io.github.arispring.test.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Keeps the latest entries up to a capacity. Guarded by the simulator's lock. */
final class BoundedLog<T> {

	private final Deque<T> entries = new ArrayDeque<>();

	private final int capacity;

	BoundedLog(int capacity) {
		this.capacity = capacity;
	}

	void add(T entry) {
		if (this.entries.size() == this.capacity) {
			this.entries.removeFirst();
		}
		this.entries.addLast(entry);
	}

	List<T> list() {
		return List.copyOf(this.entries);
	}

	void clear() {
		this.entries.clear();
	}

}
