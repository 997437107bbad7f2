package io.github.arispring.metrics;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.github.arispring.client.AriConnectionPool;

/**
 * The figures of the REST clients' {@link AriConnectionPool} as Micrometer gauges, tagged
 * with {@code server}:
 * <ul>
 * <li>{@code ari.http.pool.active}: connections carrying a request;</li>
 * <li>{@code ari.http.pool.idle}: open connections waiting for a request;</li>
 * <li>{@code ari.http.pool.pending}: requests waiting for a connection;</li>
 * <li>{@code ari.http.pool.max}: the largest number of connections
 * ({@code ari.http.max-connections});</li>
 * <li>{@code ari.http.pool.max.pending}: the largest number of waiting requests
 * ({@code ari.http.max-pending}).</li>
 * </ul>
 * The gauges exist from the start, before the first request opens a connection, and read the
 * pool's figures when the registry asks.
 */
public class MicrometerAriConnectionPoolMetrics {

	private final AriConnectionPool pool;

	private final Tags tags;

	/**
	 * Registers the gauges of a pool in a registry.
	 * @param registry the registry
	 * @param pool the pool
	 * @param server the name of the Asterisk server it connects to, such as {@code default}
	 */
	public MicrometerAriConnectionPoolMetrics(MeterRegistry registry, AriConnectionPool pool, String server) {
		this.pool = pool;
		this.tags = Tags.of("server", server);
		gauge(registry, "ari.http.pool.active", "HTTP connections to Asterisk carrying a REST call",
				AriConnectionPool::activeConnections);
		gauge(registry, "ari.http.pool.idle", "Open HTTP connections to Asterisk waiting for a REST call",
				AriConnectionPool::idleConnections);
		gauge(registry, "ari.http.pool.pending", "REST calls waiting for a free HTTP connection to Asterisk",
				AriConnectionPool::pendingAcquires);
		gauge(registry, "ari.http.pool.max", "Largest number of HTTP connections to Asterisk (ari.http.max-connections)",
				AriConnectionPool::maxConnections);
		gauge(registry, "ari.http.pool.max.pending",
				"Largest number of REST calls waiting for a connection (ari.http.max-pending)",
				AriConnectionPool::maxPending);
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<AriConnectionPool> figure) {
		Gauge.builder(name, this.pool, figure)
			.description(description)
			.tags(this.tags)
			.strongReference(true)
			.register(registry);
	}

}
