package io.github.arispring.call;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.test.autoconfigure.AriSimulatorAutoConfiguration;
import io.github.arispring.test.simulator.AriSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Many scripted calls at once: every one completes, none waits on an event lane, and the
 * threads go back to where they were. On Java 17 the scripts share a bounded pool, and calls
 * beyond it wait instead of failing.
 */
class ManyCallsTests {

	private static final String APP = "many";

	/**
	 * 2,000 by default ({@code -Dcalls=n} for another figure): their REST calls wait in the
	 * connection pool's queue ({@code ari.http.max-pending}, 10,000) rather than fail.
	 */
	private static final int CALLS = Integer.getInteger("calls", 2000);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriSimulatorAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.applications=" + APP)
		.withBean(AriSimulator.class, () -> AriSimulator.builder()
			.mediaDuration(Duration.ofSeconds(3))
			.eventQueueCapacity(200_000)
			.logCapacity(50_000)
			.build())
		.withBean(CountingScript.class);

	@Test
	void manyConcurrentCallsOnVirtualThreads() {
		assumeThat(Runtime.version().feature()).as("virtual threads need Java 21 or later; the bounded pool is "
				+ "tested by callsBeyondThePoolWaitInsteadOfFailing").isGreaterThanOrEqualTo(21);
		this.contextRunner.run((context) -> {
			AriSimulator simulator = context.getBean(AriSimulator.class);
			CountingScript script = context.getBean(CountingScript.class);
			runCalls(simulator, 1);
			int baseline = ManagementFactory.getThreadMXBean().getThreadCount();
			runCalls(simulator, CALLS);
			assertThat(script.completed.get()).isEqualTo(CALLS + 1);
			assertThat(script.failed.get()).isZero();
			assertThat(script.maxRunning.get()).as("calls in progress at once").isGreaterThan(CALLS / 2);
			AriCalls calls = context.getBean(AriCalls.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> calls.getActiveCount() == 0 && calls.taps().size() == 0);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ManagementFactory.getThreadMXBean().getThreadCount() <= baseline + 4);
		});
	}

	@Test
	void callsBeyondThePoolWaitInsteadOfFailing() {
		this.contextRunner.withPropertyValues("ari.call.concurrency=4")
			.withBean("ariCallExecutor", Executor.class, () -> AriCallExecutors.pool(4))
			.run((context) -> {
				AriSimulator simulator = context.getBean(AriSimulator.class);
				CountingScript script = context.getBean(CountingScript.class);
				runCalls(simulator, 40);
				assertThat(script.completed.get()).isEqualTo(40);
				assertThat(script.failed.get()).isZero();
				assertThat(script.maxRunning.get()).isEqualTo(4);
			});
	}

	private static void runCalls(AriSimulator simulator, int count) {
		List<io.github.arispring.test.simulator.Call> callers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			callers.add(simulator.incomingCall("+1555" + i).into(APP));
			if (i % 100 == 99) {
				// Arrivals over about two seconds, all in progress together (the greeting lasts 3 s).
				pause(Duration.ofMillis(100));
			}
		}
		for (var caller : callers) {
			caller.awaitHangup(Duration.ofSeconds(120));
			assertThat(caller.mediaPlayed()).containsExactly("sound:hello-world");
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Answers, plays a greeting and hangs up, counting the scripts in progress. */
	static class CountingScript {

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger maxRunning = new AtomicInteger();

		final AtomicInteger completed = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		@StasisCall
		void handle(Call call) {
			this.maxRunning.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				call.answer();
				call.play("sound:hello-world");
				this.completed.incrementAndGet();
			}
			catch (RuntimeException ex) {
				this.failed.incrementAndGet();
				throw ex;
			}
			finally {
				this.running.decrementAndGet();
			}
		}

	}

}
