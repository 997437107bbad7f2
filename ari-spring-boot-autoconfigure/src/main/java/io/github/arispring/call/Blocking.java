package io.github.arispring.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import reactor.core.publisher.Mono;

import io.github.arispring.listener.AriEventDispatcher;

/**
 * Waits for a verb on the calling thread, which must not be an event handler's: the events
 * the verb waits for queue behind the handler on the same lane.
 */
final class Blocking {

	private Blocking() {
	}

	static <T> T await(Mono<T> operation) {
		if (AriEventDispatcher.isHandlerThread()) {
			throw new IllegalStateException("A blocking call verb cannot wait inside an ARI event handler: the "
					+ "events it waits for queue behind the handler. Run it in a @StasisCall script, or use the "
					+ "ReactiveCall twin and return its Mono");
		}
		CompletableFuture<T> future = operation.toFuture();
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a call verb", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}

	static void run(Mono<Void> operation) {
		await(operation);
	}

}
