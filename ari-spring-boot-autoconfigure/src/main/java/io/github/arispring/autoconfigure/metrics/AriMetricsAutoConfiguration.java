package io.github.arispring.autoconfigure.metrics;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.metrics.MicrometerAriConnectionPoolMetrics;
import io.github.arispring.metrics.MicrometerAriListenerMetrics;
import io.github.arispring.metrics.MicrometerAriServersMetrics;
import io.github.arispring.server.AriServers;

/**
 * Auto-configuration of the events listener's meters ({@code ari.events.*},
 * {@code ari.websocket.*}) and the REST connection pool's ({@code ari.http.pool.*}) when
 * Micrometer and a {@link MeterRegistry} are present. Every meter is tagged {@code server}:
 * {@code default} for {@code ari.url}, else the name under {@code ari.servers}.
 */
@AutoConfiguration(after = AriAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class AriMetricsAutoConfiguration {

	/** The {@code server} tag of the one Asterisk configured by {@code ari.url}. */
	static final String SERVER = AriEventSource.DEFAULT_NAME;

	@Bean
	@ConditionalOnMissingBean(AriListenerMetrics.class)
	MicrometerAriListenerMetrics ariListenerMetrics(MeterRegistry meterRegistry) {
		return new MicrometerAriListenerMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnBean(AriConnectionPool.class)
	@ConditionalOnMissingBean
	MicrometerAriConnectionPoolMetrics ariConnectionPoolMetrics(MeterRegistry meterRegistry,
			AriConnectionPool connectionPool) {
		return new MicrometerAriConnectionPoolMetrics(meterRegistry, connectionPool, SERVER);
	}

	@Bean
	@ConditionalOnBean(AriServers.class)
	@ConditionalOnMissingBean
	MicrometerAriServersMetrics ariServersMetrics(MeterRegistry meterRegistry, AriServers servers) {
		return new MicrometerAriServersMetrics(meterRegistry, servers, Set.of(SERVER));
	}

}
