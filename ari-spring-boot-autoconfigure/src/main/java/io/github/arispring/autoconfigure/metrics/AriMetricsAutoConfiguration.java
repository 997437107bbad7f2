package io.github.arispring.autoconfigure.metrics;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.broadcast.AriBroadcastClaimer;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.metrics.AriBroadcastMeterBinder;
import io.github.arispring.metrics.AriTakeoverMeterBinder;
import io.github.arispring.metrics.MicrometerAriConnectionPoolMetrics;
import io.github.arispring.metrics.MicrometerAriListenerMetrics;
import io.github.arispring.metrics.MicrometerAriServersMetrics;
import io.github.arispring.server.AriServers;

/**
 * Auto-configuration of the events listener's meters ({@code ari.events.*},
 * {@code ari.websocket.*}), the REST connection pool's ({@code ari.http.pool.*}), the broadcast
 * claims' ({@code ari.broadcast.*}) and the applications in standby ({@code ari.applications.*}),
 * the last two bound by Spring Boot's metrics auto-configuration, when Micrometer and a
 * {@link MeterRegistry} are present. The listener's and the pools' meters are tagged
 * {@code server}: {@code default} for {@code ari.url}, else the name under {@code ari.servers}.
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

	@Bean
	@ConditionalOnBean(AriBroadcastClaimer.class)
	@ConditionalOnMissingBean
	AriBroadcastMeterBinder ariBroadcastMeterBinder(AriBroadcastClaimer claimer) {
		return new AriBroadcastMeterBinder(claimer);
	}

	@Bean
	@ConditionalOnBean(AriApplicationTakeover.class)
	@ConditionalOnMissingBean
	AriTakeoverMeterBinder ariTakeoverMeterBinder(AriApplicationTakeover takeover) {
		return new AriTakeoverMeterBinder(takeover);
	}

}
