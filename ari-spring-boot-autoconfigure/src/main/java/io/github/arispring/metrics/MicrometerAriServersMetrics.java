package io.github.arispring.metrics;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.server.AriServer;
import io.github.arispring.server.AriServers;

/**
 * The connection pool gauges ({@link MicrometerAriConnectionPoolMetrics}) of every server of
 * an {@link AriServers} but those left out (the default server's pool, whose gauges its own
 * bean registers), each tagged {@code server} with its server's name.
 */
public class MicrometerAriServersMetrics {

	/**
	 * Registers the pool gauges of the servers.
	 * @param registry the registry
	 * @param servers the servers
	 * @param excluded the names of servers whose pools are registered elsewhere
	 */
	public MicrometerAriServersMetrics(MeterRegistry registry, AriServers servers, Set<String> excluded) {
		for (AriServer server : servers.servers()) {
			AriConnectionPool pool = server.connectionPool();
			if (pool != null && !excluded.contains(server.name())) {
				new MicrometerAriConnectionPoolMetrics(registry, pool, server.name());
			}
		}
	}

}
