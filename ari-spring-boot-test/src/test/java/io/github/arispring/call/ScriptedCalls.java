package io.github.arispring.call;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;

import io.github.arispring.listener.AriListenerMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @StasisCall} bean for tests: runs the script registered under the call's first
 * Stasis argument and records how it ended.
 */
class ScriptedCalls {

	static final Duration WAIT = Duration.ofSeconds(10);

	private final Map<String, Script> scripts = new ConcurrentHashMap<>();

	private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

	private final CopyOnWriteArrayList<String> started = new CopyOnWriteArrayList<>();

	Outcome register(String name, Script script) {
		this.scripts.put(name, script);
		return this.outcomes.computeIfAbsent(name, (key) -> new Outcome());
	}

	Outcome outcome(String name) {
		return this.outcomes.computeIfAbsent(name, (key) -> new Outcome());
	}

	List<String> started() {
		return List.copyOf(this.started);
	}

	@StasisCall
	void run(Call call) throws Exception {
		String name = call.args().isEmpty() ? "" : call.args().get(0);
		this.started.add(name);
		Outcome outcome = this.outcomes.computeIfAbsent(name, (key) -> new Outcome());
		Script script = this.scripts.get(name);
		try {
			if (script != null) {
				script.run(call, outcome);
			}
			outcome.result.complete(null);
		}
		catch (Throwable ex) {
			outcome.endedAt = System.nanoTime();
			outcome.result.complete(ex);
			throw ex;
		}
		finally {
			outcome.finallyRan.countDown();
		}
	}

	@FunctionalInterface
	interface Script {

		void run(Call call, Outcome outcome) throws Exception;

	}

	/** How one script went. */
	static final class Outcome {

		final CompletableFuture<Throwable> result = new CompletableFuture<>();

		final CountDownLatch reached = new CountDownLatch(1);

		final CountDownLatch proceed = new CountDownLatch(1);

		final CountDownLatch finallyRan = new CountDownLatch(1);

		final Map<String, Object> values = new ConcurrentHashMap<>();

		volatile long endedAt;

		void reach() {
			this.reached.countDown();
		}

		void awaitReached() throws InterruptedException {
			assertThat(this.reached.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("script reached its step").isTrue();
		}

		void awaitProceed() throws InterruptedException {
			assertThat(this.proceed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		}

		Throwable awaitFailure() throws Exception {
			Throwable failure = this.result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(failure).as("the script's failure").isNotNull();
			assertThat(this.finallyRan.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("finally ran").isTrue();
			return failure;
		}

		void awaitSuccess() throws Exception {
			Throwable failure = this.result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(failure).as("the script's failure").isNull();
		}

	}

	/** Records the failures the calls report. */
	static final class RecordingMetrics implements AriListenerMetrics {

		final List<String> failures = new CopyOnWriteArrayList<>();

		@Override
		public void handlerFailed(String type, String application, String handler) {
			this.failures.add(type + "/" + application + "/" + handler);
		}

	}

}
