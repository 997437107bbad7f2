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
		return create(PREFIX, concurrency);
	}

	/**
	 * Creates an executor of this kind whose threads are named with a prefix of its own.
	 * @param prefix the threads' name prefix, such as {@code ari-call-}
	 * @param concurrency the number of platform threads, used below Java 21
	 * @return the executor; a {@code ThreadPoolExecutor} to shut down, or a virtual-thread executor
	 */
	public static Executor create(String prefix, int concurrency) {
		if (Runtime.version().feature() >= 21) {
			return new VirtualThreadTaskExecutor(prefix);
		}
		return pool(prefix, concurrency);
	}

	/**
	 * Creates a bounded pool of platform threads.
	 * @param concurrency the number of threads
	 * @return the pool
	 */
	public static ThreadPoolExecutor pool(int concurrency) {
		return pool(PREFIX, concurrency);
	}

	/**
	 * Creates a pool of platform threads named with a prefix of its own; tasks beyond them
	 * wait in its queue.
	 * @param prefix the threads' name prefix
	 * @param concurrency the number of threads
	 * @return the pool
	 */
	public static ThreadPoolExecutor pool(String prefix, int concurrency) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

}
