package io.github.arispring.call;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

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
		if (Runtime.version().feature() >= 21) {
			return new VirtualThreadTaskExecutor(PREFIX);
		}
		return pool(concurrency);
	}

	/**
	 * Creates a pool of platform threads with a queue for the calls beyond them.
	 * @param concurrency the number of threads
	 * @return the pool
	 */
	public static ThreadPoolExecutor pool(int concurrency) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(PREFIX);
		threads.setDaemon(true);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

}
