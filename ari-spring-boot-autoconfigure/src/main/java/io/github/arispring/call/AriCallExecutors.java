package io.github.arispring.call;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

import io.github.arispring.listener.AriEventExecutors;

/**
 * The default executor for call scripts: a virtual thread per call on Java 21 and later;
 * below, a pool of platform threads whose size bounds the calls in progress, the others
 * waiting in its queue (they start late, they do not fail).
 */
public final class AriCallExecutors {

	private static final String PREFIX = "ari-call-";

	private AriCallExecutors() {
	}

	/**
	 * Creates the default executor.
	 * @param concurrency the number of platform threads, used below Java 21
	 * @return a virtual-thread executor, or a {@code ThreadPoolExecutor} to shut down
	 */
	public static Executor create(int concurrency) {
		return AriEventExecutors.create(PREFIX, concurrency);
	}

	/**
	 * Creates a pool of platform threads with a queue for the calls beyond them.
	 * @param concurrency the number of threads
	 * @return the pool
	 */
	public static ThreadPoolExecutor pool(int concurrency) {
		return AriEventExecutors.pool(PREFIX, concurrency);
	}

}
