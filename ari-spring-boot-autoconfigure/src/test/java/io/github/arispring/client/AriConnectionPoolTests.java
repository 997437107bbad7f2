package io.github.arispring.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.AriSamples;
import io.github.arispring.model.AsteriskPing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@link AriConnectionPool} in front of an in-process HTTP server that counts the connections
 * it accepts and holds its answers until told: the pool bounds the connections, queues the
 * requests beyond them, says clearly when it is saturated, and closes idle connections.
 */
class AriConnectionPoolTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HeldAsterisk asterisk = new HeldAsterisk();

	private final List<AriConnectionPool> pools = new CopyOnWriteArrayList<>();

	// Event loops of the test's own: a context closed by an earlier test disposes Reactor
	// Netty's global loops a little later, which would stop this test's connections midway.
	private final LoopResources clientLoops = LoopResources.create("pool-test-client", 1, true);

	@AfterEach
	void stop() {
		this.pools.forEach(AriConnectionPool::close);
		this.clientLoops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
		this.asterisk.close();
	}

	@Test
	void requestsBeyondMaxConnectionsWaitForAFreeConnection() {
		AriConnectionPool pool = pool(AriConnectionPool.builder("test").maxConnections(2));
		ReactiveAriClient ari = reactiveClient(pool);
		List<Mono<AsteriskPing>> pings = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 10; i++) {
			pings.add(ari.asterisk().ping().cache());
		}
		pings.forEach(Mono::subscribe);
		await().atMost(TIMEOUT).until(() -> this.asterisk.requests.get() == 2 && pool.pendingAcquires() == 8);
		assertThat(pool.activeConnections()).isEqualTo(2);
		assertThat(this.asterisk.open.get()).isEqualTo(2);
		this.asterisk.answer();
		for (int i = 0; i < pings.size(); i++) {
			int index = i;
			AsteriskPing answer = pings.get(i)
				.timeout(TIMEOUT, Mono.error(() -> new AssertionError("ping " + index + " of 10 got no answer within "
						+ TIMEOUT + "; server saw " + this.asterisk.requests.get() + " requests on "
						+ this.asterisk.open.get() + " open connections; pool: " + pool.activeConnections()
						+ " active, " + pool.idleConnections() + " idle, " + pool.pendingAcquires() + " pending")))
				.block();
			assertThat(answer.ping()).isEqualTo("pong");
		}
		assertThat(this.asterisk.requests.get()).isEqualTo(10);
		assertThat(this.asterisk.peak.get()).isEqualTo(2);
		assertThat(pool.pendingAcquires()).isZero();
		await().atMost(TIMEOUT).until(() -> pool.idleConnections() == 2 && pool.activeConnections() == 0);
	}

	@Test
	void aRequestWaitingLongerThanThePendingAcquireTimeoutFailsSayingThePoolIsSaturated() {
		AriConnectionPool pool = pool(AriConnectionPool.builder("test")
			.maxConnections(1)
			.pendingAcquireTimeout(Duration.ofMillis(300)));
		ReactiveAriClient ari = reactiveClient(pool);
		Mono<AsteriskPing> held = ari.asterisk().ping().cache();
		held.subscribe();
		await().atMost(TIMEOUT).until(() -> this.asterisk.requests.get() == 1);
		Throwable thrown = catchThrowable(() -> AriClient.create(factory(pool)).asterisk().ping());
		assertThat(thrown).isInstanceOfSatisfying(AriConnectionException.PoolSaturated.class, (ex) -> {
			assertThat(ex.url()).isEqualTo(this.asterisk.url() + "/ari/asterisk/ping");
			assertThat(ex.operation()).isEqualTo("asterisk.ping");
			assertThat(ex.request()).isEqualTo("GET /asterisk/ping");
			assertThat(ex.statusCode()).isZero();
			assertThat(ex.getCause()).isNull();
			assertThat(ex.getMessage()).startsWith("ARI asterisk.ping got no connection to Asterisk at "
					+ this.asterisk.url() + "/ari/asterisk/ping within 300ms: all 1 connections stayed busy")
				.contains("the connection pool is saturated", "ari.http.max-connections", "sessionlimit",
						"ari.http.pending-acquire-timeout")
				.doesNotContain(AriWireMock.PASSWORD, "Pool#acquire");
		});
		this.asterisk.answer();
		assertThat(held.block(TIMEOUT).ping()).isEqualTo("pong");
		assertThat(this.asterisk.requests.get()).isEqualTo(1);
	}

	@Test
	void aRequestFindingTheQueueFullFailsAtOnceSayingThePoolIsSaturated() {
		AriConnectionPool pool = pool(AriConnectionPool.builder("test").maxConnections(1).maxPending(1));
		ReactiveAriClient ari = reactiveClient(pool);
		Mono<AsteriskPing> held = ari.asterisk().ping().cache();
		Mono<AsteriskPing> waiting = ari.asterisk().ping().cache();
		held.subscribe();
		waiting.subscribe();
		await().atMost(TIMEOUT).until(() -> this.asterisk.requests.get() == 1 && pool.pendingAcquires() == 1);
		Throwable thrown = catchThrowable(() -> ari.asterisk().ping().block(TIMEOUT));
		assertThat(thrown).isInstanceOf(AriConnectionException.PoolSaturated.class)
			.hasMessageContaining("got no connection to Asterisk at " + this.asterisk.url() + "/ari/asterisk/ping: "
					+ "all 1 connections were busy and 1 requests already waiting")
			.hasMessageContaining("ari.http.max-pending")
			.hasMessageContaining("ari.http.max-connections");
		this.asterisk.answer();
		assertThat(held.block(TIMEOUT).ping()).isEqualTo("pong");
		assertThat(waiting.block(TIMEOUT).ping()).isEqualTo("pong");
	}

	@Test
	void aSaturatedPoolTheFactoryWasNotGivenIsStillRecognised() {
		AriConnectionPool pool = pool(AriConnectionPool.builder("test")
			.maxConnections(1)
			.pendingAcquireTimeout(Duration.ofMillis(200)));
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool.connectionProvider()).runOn(this.clientLoops)));
		AriClient ari = AriClient.create(AriClientFactory.create(builder, this.asterisk.url(), "asterisk", "secret"));
		reactiveClient(pool).asterisk().ping().subscribe();
		await().atMost(TIMEOUT).until(() -> this.asterisk.requests.get() == 1);
		assertThat(catchThrowable(() -> ari.asterisk().ping()))
			.isInstanceOf(AriConnectionException.PoolSaturated.class)
			.hasMessageContaining("the HTTP connection pool is saturated");
		this.asterisk.answer();
	}

	@Test
	void idleConnectionsCloseAfterMaxIdleTime() {
		this.asterisk.answer();
		AriConnectionPool pool = pool(AriConnectionPool.builder("test")
			.maxIdleTime(Duration.ofMillis(300))
			.evictionInterval(Duration.ofMillis(100)));
		assertThat(AriClient.create(factory(pool)).asterisk().ping().ping()).isEqualTo("pong");
		assertThat(this.asterisk.open.get()).isEqualTo(1);
		await().atMost(TIMEOUT).until(() -> this.asterisk.open.get() == 0);
		await().atMost(TIMEOUT).until(() -> pool.idleConnections() == 0);
	}

	@Test
	void aConnectionIsReusedWhileItIsNotIdleTooLong() {
		this.asterisk.answer();
		AriConnectionPool pool = pool(AriConnectionPool.builder("test"));
		AriClient ari = AriClient.create(factory(pool));
		for (int i = 0; i < 5; i++) {
			ari.asterisk().ping();
			// The connection goes back to the pool just after the answer is read.
			await().atMost(TIMEOUT).until(() -> pool.idleConnections() == 1);
		}
		assertThat(this.asterisk.accepted.get()).isEqualTo(1);
	}

	@Test
	void closingThePoolClosesItsConnections() {
		this.asterisk.answer();
		AriConnectionPool pool = AriConnectionPool.builder("test").build();
		AriClient.create(factory(pool)).asterisk().ping();
		assertThat(this.asterisk.open.get()).isEqualTo(1);
		pool.close();
		assertThat(pool.connectionProvider().isDisposed()).isTrue();
		await().atMost(TIMEOUT).until(() -> this.asterisk.open.get() == 0);
	}

	@Test
	void builderHasTheDocumentedDefaults() {
		AriConnectionPool pool = pool(AriConnectionPool.builder("ari-default"));
		assertThat(pool.name()).isEqualTo("ari-default");
		assertThat(pool.maxConnections()).isEqualTo(32);
		assertThat(pool.connectionProvider().maxConnections()).isEqualTo(32);
		assertThat(pool.maxPending()).isEqualTo(10_000);
		assertThat(pool.pendingAcquireTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(pool.maxIdleTime()).isEqualTo(Duration.ofSeconds(10));
		assertThat(pool.activeConnections()).isZero();
	}

	@Test
	void builderRejectsSettingsThatCannotWork() {
		AriConnectionPool.Builder builder = AriConnectionPool.builder("test");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxConnections(0))
			.withMessage("ari.http.max-connections must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxPending(-1))
			.withMessageContaining("ari.http.max-pending");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxIdleTime(Duration.ZERO))
			.withMessageContaining("ari.http.max-idle-time");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.pendingAcquireTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("ari.http.pending-acquire-timeout");
	}

	private AriConnectionPool pool(AriConnectionPool.Builder builder) {
		AriConnectionPool pool = builder.build();
		this.pools.add(pool);
		return pool;
	}

	private AriClientFactory factory(AriConnectionPool pool) {
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool.connectionProvider()).runOn(this.clientLoops)));
		return AriClientFactory.create(builder, this.asterisk.url(), "asterisk", "secret", pool);
	}

	private ReactiveAriClient reactiveClient(AriConnectionPool pool) {
		return ReactiveAriClient.create(factory(pool));
	}

	/**
	 * Answers {@code GET /ari/asterisk/ping} with the recorded answer once {@link #answer()}
	 * was called, and counts connections.
	 */
	static final class HeldAsterisk implements AutoCloseable {

		final AtomicInteger accepted = new AtomicInteger();

		final AtomicInteger open = new AtomicInteger();

		final AtomicInteger peak = new AtomicInteger();

		final AtomicInteger requests = new AtomicInteger();

		private final Sinks.Empty<Void> answering = Sinks.empty();

		private final LoopResources loops = LoopResources.create("held-asterisk", 1, true);

		private final DisposableServer server;

		HeldAsterisk() {
			String ping = AriSamples.read("rest/asterisk/ping.json");
			this.server = HttpServer.create()
				.runOn(this.loops)
				.host("127.0.0.1")
				.port(0)
				.doOnChannelInit((observer, channel, remoteAddress) -> {
					this.accepted.incrementAndGet();
					this.peak.accumulateAndGet(this.open.incrementAndGet(), Math::max);
					channel.closeFuture().addListener((future) -> this.open.decrementAndGet());
				})
				.handle((request, response) -> {
					this.requests.incrementAndGet();
					return this.answering.asMono()
						.then(response.header("Content-Type", "application/json").sendString(Mono.just(ping)).then());
				})
				.bindNow();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.port();
		}

		void answer() {
			this.answering.tryEmitEmpty();
		}

		@Override
		public void close() {
			this.server.disposeNow();
			this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
		}

	}

}
