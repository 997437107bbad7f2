package io.github.arispring.test.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.autoconfigure.AriProperties;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriConnectionException;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriEventExecutors;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A burst of 1,000 calls against the simulator with Asterisk's default {@code sessionlimit} of
 * 100, each handler answering, setting a variable and hanging up: three REST calls per call.
 * On Java 21 and later every call has its virtual thread and all 1,000 start their REST calls
 * at the same moment; before, the {@code ari.listener.concurrency} threads do. The connection
 * pool turns the burst into a queue; without a bound, the burst opens more connections than
 * Asterisk accepts and calls are left up. Over the events WebSocket
 * ({@code ari.rest.transport=websocket}) the same burst opens no connection at all.
 */
class CallBurstTests {

	private static final int CALLS = 1000;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriSimulatorAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.applications=burst")
		.withBean(Answerer.class);

	@Test
	void aBurstOfCallsWaitsForConnectionsAndLosesNoCall() {
		this.contextRunner.run((context) -> {
			AriSimulator simulator = context.getBean(AriSimulator.class);
			AriConnectionPool pool = context.getBean(AriConnectionPool.class);
			List<Call> calls = burst(context);
			assertThat(context.getBean(Answerer.class).failures).isEmpty();
			assertThat(calls).allSatisfy((call) -> {
				assertThat(call.answered()).as("answered").isTrue();
				assertThat(call.variables()).containsEntry("BURST", "handled");
				assertThat(call.hungUp()).as("hung up").isTrue();
			});
			assertThat(simulator.refusedConnections()).isZero();
			// The events WebSocket is a session of Asterisk's too, outside the pool.
			assertThat(simulator.peakConnections()).isLessThanOrEqualTo(pool.maxConnections() + 1);
			for (String operation : List.of("channels.answer", "channels.setChannelVar", "channels.hangup")) {
				assertThat(simulator.requests(operation)).as(operation)
					.hasSize(CALLS)
					.allSatisfy((request) -> assertThat(request.status()).isEqualTo(204));
			}
		});
	}

	@Test
	void theEventsWebSocketTakesNoConnectionOfThePool() {
		this.contextRunner.withPropertyValues("ari.http.max-connections=1", "ari.simulator.session-limit=2")
			.run((context) -> {
				AriSimulator simulator = context.getBean(AriSimulator.class);
				List<Call> calls = burst(context, 50);
				assertThat(context.getBean(Answerer.class).failures).isEmpty();
				assertThat(calls).allSatisfy((call) -> assertThat(call.hungUp()).isTrue());
				assertThat(simulator.peakConnections()).isEqualTo(2);
				assertThat(simulator.refusedConnections()).isZero();
			});
	}

	@Test
	void withoutABoundTheSameBurstExceedsTheSessionLimitAndLeavesCallsUp() {
		int java = Runtime.version().feature();
		assumeTrue(java >= 21, "Only virtual threads (Java 21 and later) make 1,000 REST calls at once; on Java "
				+ java + " handlers run on ari.listener.concurrency (64) threads, below the session limit");
		// As many connections as calls, like Reactor Netty's global pool (up to 500) did before.
		this.contextRunner.withPropertyValues("ari.http.max-connections=" + CALLS).run((context) -> {
			AriSimulator simulator = context.getBean(AriSimulator.class);
			List<Call> calls = burst(context);
			Queue<Throwable> failures = context.getBean(Answerer.class).failures;
			assertThat(simulator.refusedConnections()).isPositive();
			assertThat(simulator.peakConnections()).isEqualTo(simulator.sessionLimit());
			// Asterisk closed the connections it refused: "Connection prematurely closed BEFORE
			// response", or a reset when the request was already on its way.
			assertThat(failures).isNotEmpty()
				.allSatisfy((failure) -> assertThat(failure).isInstanceOf(AriConnectionException.class)
					.hasMessageContaining("could not reach Asterisk"));
			assertThat(calls.stream().filter((call) -> !call.hungUp())).as("calls left up").isNotEmpty();
		});
	}

	@Test
	void overTheEventsWebSocketTheBurstOpensNoConnection() {
		this.contextRunner.withPropertyValues("ari.rest.transport=websocket")
			.run((context) -> assertHandledOverTheEventsWebSocket(context, burst(context)));
	}

	@Test
	void overTheEventsWebSocketTheBurstOpensNoConnectionOnPlatformThreads() {
		int concurrency = new AriProperties().getListener().getConcurrency();
		this.contextRunner.withPropertyValues("ari.rest.transport=websocket")
			.withBean("ariEventExecutor", Executor.class, () -> AriEventExecutors.pool(concurrency))
			.run((context) -> assertHandledOverTheEventsWebSocket(context, burst(context, CALLS, concurrency)));
	}

	private static void assertHandledOverTheEventsWebSocket(AssertableApplicationContext context, List<Call> calls) {
		AriSimulator simulator = context.getBean(AriSimulator.class);
		assertThat(context.getBean(Answerer.class).failures).isEmpty();
		assertThat(calls).allSatisfy((call) -> {
			assertThat(call.answered()).as("answered").isTrue();
			assertThat(call.variables()).containsEntry("BURST", "handled");
			assertThat(call.hungUp()).as("hung up").isTrue();
		});
		// The events WebSocket only, open since before the burst.
		assertThat(simulator.peakConnections()).isEqualTo(1);
		assertThat(simulator.refusedConnections()).isZero();
		for (String operation : List.of("channels.answer", "channels.setChannelVar", "channels.hangup")) {
			assertThat(simulator.requests(operation)).as(operation)
				.hasSize(CALLS)
				.allSatisfy((request) -> {
					assertThat(request.status()).isEqualTo(204);
					assertThat(request.overWebSocket()).as("over the WebSocket").isTrue();
				});
		}
		assertThat(simulator.requests()).filteredOn((request) -> !request.overWebSocket())
			.as("requests over HTTP")
			.singleElement()
			.satisfies((request) -> assertThat(request.operation()).isEqualTo("events.eventWebsocket"));
		assertThat(context.getBean(WebSocketRestConnector.class).getInFlightCount()).isZero();
	}

	/**
	 * Sends the calls, lets every handler thread there is start on one, then lets them all make
	 * their REST calls at the same moment, and waits until each call has been handled.
	 */
	private static List<Call> burst(AssertableApplicationContext context) {
		return burst(context, CALLS);
	}

	private static List<Call> burst(AssertableApplicationContext context, int count) {
		int threads = (Runtime.version().feature() >= 21) ? count
				: context.getBean(AriProperties.class).getListener().getConcurrency();
		return burst(context, count, threads);
	}

	private static List<Call> burst(AssertableApplicationContext context, int count, int threads) {
		AriSimulator simulator = context.getBean(AriSimulator.class);
		Answerer answerer = context.getBean(Answerer.class);
		simulator.awaitApplication("burst", TIMEOUT);
		List<Call> calls = IntStream.range(0, count)
			.mapToObj((i) -> simulator.incomingCall(String.format("+1555%07d", i)).into("burst"))
			.toList();
		int started = Math.min(count, threads);
		await().atMost(TIMEOUT).until(() -> answerer.started.get() == started);
		answerer.go.countDown();
		await().atMost(TIMEOUT).until(() -> answerer.handled.get() == count);
		return calls;
	}

	static class Answerer {

		final AtomicInteger started = new AtomicInteger();

		final CountDownLatch go = new CountDownLatch(1);

		final AtomicInteger handled = new AtomicInteger();

		final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

		@StasisEventHandler
		void onStart(StasisStart event, AriClient ari) throws InterruptedException {
			String channel = event.channel().id();
			this.started.incrementAndGet();
			this.go.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			try {
				ari.channels().answer(channel);
				ari.channels().setChannelVar(channel, "BURST", "handled", null);
				ari.channels().hangup(channel);
			}
			catch (RuntimeException ex) {
				this.failures.add(ex);
			}
			finally {
				this.handled.incrementAndGet();
			}
		}

	}

}
