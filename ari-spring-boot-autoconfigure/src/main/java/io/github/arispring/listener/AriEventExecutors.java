package io.github.arispring.listener;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The default executor for event handlers: a virtual thread per task on Java 21 and later,
 * where handlers may block on REST calls for free; a bounded pool of platform threads
 * otherwise. Its queue needs no bound of its own: the dispatcher bounds the events waiting.
 */
public final class AriEventExecutors {

	private static final String PREFIX = "ari-event-";

	private AriEventExecutors() {
	}

	/**
	 * Creates the default executor.
	 * @param concurrency the number of platform threads, used below Java 21
	 * @return the executor; a {@code ThreadPoolExecutor} to shut down, or a virtual-thread executor
	 */
	public static Executor create(int concurrency) {
		if (Runtime.version().feature() >= 21) {
			return new VirtualThreadTaskExecutor(PREFIX);
		}
		return pool(concurrency);
	}

	/**
	 * Creates a bounded pool of platform threads.
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
