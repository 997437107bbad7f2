package io.github.arispring.client;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP connections of the REST clients to one Asterisk: a bounded pool of their own, not
 * Reactor Netty's global one. At most {@link #maxConnections()} connections are open (Asterisk
 * refuses connections beyond {@code sessionlimit} in {@code http.conf}, 100 by default);
 * requests beyond that wait in a queue of at most {@link #maxPending()} for up to
 * {@link #pendingAcquireTimeout()}, so that a burst of calls becomes latency rather than
 * failed calls. Connections idle for {@link #maxIdleTime()} are closed, before Asterisk's
 * {@code session_keep_alive} (15 s) closes them, so that no request goes out on a connection
 * Asterisk is closing.
 * <p>
 * Give {@link #connectionProvider()} to the REST client's {@code HttpClient}; the events
 * WebSocket has a client of its own and takes no connection from this pool. The pool knows
 * its live figures ({@link #activeConnections()}, {@link #idleConnections()},
 * {@link #pendingAcquires()}) for meters and for the error a saturated pool causes. Closing
 * it closes its connections.
 */
public final class AriConnectionPool implements AutoCloseable {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private final ConnectionProvider connectionProvider;

	private final int maxConnections;

	private final int maxPending;

	private final Duration pendingAcquireTimeout;

	private final Duration maxIdleTime;

	/** Reactor Netty makes one pool per remote address; Asterisk usually has one. */
	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	private AriConnectionPool(Builder builder) {
		this.maxConnections = builder.maxConnections;
		this.maxPending = builder.maxPending;
		this.pendingAcquireTimeout = builder.pendingAcquireTimeout;
		this.maxIdleTime = builder.maxIdleTime;
		ConnectionProvider.Builder provider = ConnectionProvider.builder(builder.name)
			.maxConnections(builder.maxConnections)
			.pendingAcquireMaxCount(builder.maxPending)
			.pendingAcquireTimeout(builder.pendingAcquireTimeout)
			.maxIdleTime(builder.maxIdleTime)
			.evictInBackground(builder.evictionInterval)
			// The most recently used connection first: the others go idle and close, so that a
			// quiet application holds few of Asterisk's sessions. Waiting requests stay in order.
			.lifo()
			.metrics(true, () -> new Registrar(this.pools));
		builder.providerCustomizers.forEach((customizer) -> customizer.accept(provider));
		this.connectionProvider = provider.build();
	}

	/**
	 * A builder for a pool with the defaults: 32 connections, 10,000 pending requests waiting
	 * up to 30 s, connections closed after 10 s idle, checked every 5 s.
	 * @param name the pool's name, such as {@code ari-default}
	 * @return the builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * The Reactor Netty connection provider to build the REST client's {@code HttpClient} on.
	 * @return the provider
	 */
	public ConnectionProvider connectionProvider() {
		return this.connectionProvider;
	}

	/**
	 * The pool's name.
	 * @return the name
	 */
	public String name() {
		return this.connectionProvider.name();
	}

	/**
	 * The largest number of connections open to Asterisk at once.
	 * @return the number
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * The largest number of requests waiting for a connection.
	 * @return the number
	 */
	public int maxPending() {
		return this.maxPending;
	}

	/**
	 * How long a request waits for a connection before it fails.
	 * @return the time
	 */
	public Duration pendingAcquireTimeout() {
		return this.pendingAcquireTimeout;
	}

	/**
	 * How long a connection may stay idle before it is closed.
	 * @return the time
	 */
	public Duration maxIdleTime() {
		return this.maxIdleTime;
	}

	/**
	 * The connections carrying a request now.
	 * @return the number
	 */
	public int activeConnections() {
		return sum(ConnectionPoolMetrics::acquiredSize);
	}

	/**
	 * The open connections waiting for a request.
	 * @return the number
	 */
	public int idleConnections() {
		return sum(ConnectionPoolMetrics::idleSize);
	}

	/**
	 * The requests waiting for a connection.
	 * @return the number
	 */
	public int pendingAcquires() {
		return sum(ConnectionPoolMetrics::pendingAcquireSize);
	}

	private int sum(ToIntFunction<ConnectionPoolMetrics> figure) {
		int sum = 0;
		for (ConnectionPoolMetrics metrics : this.pools.values()) {
			sum += figure.applyAsInt(metrics);
		}
		return sum;
	}

	/**
	 * Closes the connections, waiting up to 10 seconds.
	 */
	@Override
	public void close() {
		this.connectionProvider.disposeLater().block(CLOSE_TIMEOUT);
	}

	@Override
	public String toString() {
		return "AriConnectionPool '" + name() + "' (max " + this.maxConnections + " connections, " + this.maxPending
				+ " pending)";
	}

	/** Keeps each remote address's figures, as Reactor Netty creates and disposes its pools. */
	private record Registrar(Map<String, ConnectionPoolMetrics> pools) implements ConnectionProvider.MeterRegistrar {

		@Override
		public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
				ConnectionPoolMetrics metrics) {
			this.pools.put(id, metrics);
		}

		@Override
		public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
			this.pools.remove(id);
		}

	}

	/**
	 * Settings of a pool.
	 */
	public static final class Builder {

		private final String name;

		private int maxConnections = 32;

		private int maxPending = 10_000;

		private Duration pendingAcquireTimeout = Duration.ofSeconds(30);

		private Duration maxIdleTime = Duration.ofSeconds(10);

		private Duration evictionInterval = Duration.ofSeconds(5);

		private final List<Consumer<ConnectionProvider.Builder>> providerCustomizers = new ArrayList<>();

		private Builder(String name) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("An ARI connection pool needs a name");
			}
			this.name = name;
		}

		/**
		 * The largest number of connections open to Asterisk at once; keep it below
		 * {@code sessionlimit} in Asterisk's {@code http.conf}, less what other clients use.
		 * @param maxConnections the number, at least 1
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			this.maxConnections = positive(maxConnections, "ari.http.max-connections");
			return this;
		}

		/**
		 * The largest number of requests waiting for a connection; more fail at once.
		 * @param maxPending the number, at least 1
		 * @return this builder
		 */
		public Builder maxPending(int maxPending) {
			this.maxPending = positive(maxPending, "ari.http.max-pending");
			return this;
		}

		/**
		 * How long a request waits for a connection before it fails.
		 * @param timeout the time, more than zero
		 * @return this builder
		 */
		public Builder pendingAcquireTimeout(Duration timeout) {
			this.pendingAcquireTimeout = positive(timeout, "ari.http.pending-acquire-timeout");
			return this;
		}

		/**
		 * How long a connection may stay idle before it is closed; keep it below Asterisk's
		 * {@code session_keep_alive}.
		 * @param maxIdleTime the time, more than zero
		 * @return this builder
		 */
		public Builder maxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = positive(maxIdleTime, "ari.http.max-idle-time");
			return this;
		}

		/**
		 * How often idle connections are checked and closed in the background, besides the
		 * check each connection gets before it is reused.
		 * @param interval the interval, more than zero
		 * @return this builder
		 */
		public Builder evictionInterval(Duration interval) {
			this.evictionInterval = positive(interval, "ari.http.eviction-interval");
			return this;
		}

		/**
		 * Adjusts Reactor Netty's builder after these settings are applied, for what they do
		 * not cover, such as {@code maxLifeTime}. The figures this pool reports come from its
		 * metrics registrar: do not replace it with {@code metrics(...)}.
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder customizeProvider(Consumer<ConnectionProvider.Builder> customizer) {
			this.providerCustomizers.add(customizer);
			return this;
		}

		/**
		 * Builds the pool. Connections open as requests need them.
		 * @return the pool
		 */
		public AriConnectionPool build() {
			return new AriConnectionPool(this);
		}

		private static int positive(int value, String property) {
			if (value < 1) {
				throw new IllegalArgumentException(property + " must be at least 1, not " + value);
			}
			return value;
		}

		private static Duration positive(Duration value, String property) {
			if (value == null || value.isZero() || value.isNegative()) {
				throw new IllegalArgumentException(property + " must be more than zero, not " + value);
			}
			return value;
		}

	}

}
