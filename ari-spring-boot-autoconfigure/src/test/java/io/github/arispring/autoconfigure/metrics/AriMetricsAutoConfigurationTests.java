package io.github.arispring.autoconfigure.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.broadcast.AriBroadcastClaimer;
import io.github.arispring.broadcast.AriClaimPolicy;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.metrics.AriBroadcastMeterBinder;
import io.github.arispring.metrics.AriTakeoverMeterBinder;
import io.github.arispring.metrics.MicrometerAriConnectionPoolMetrics;
import io.github.arispring.metrics.MicrometerAriListenerMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriMetricsAutoConfiguration}.
 */
class AriMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriMetricsAutoConfiguration.class));

	@Test
	void metricsWhenMeterRegistryPresentShouldProvideMicrometerListenerMetrics() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AriListenerMetrics.class)
				.hasSingleBean(MicrometerAriListenerMetrics.class);
			context.getBean(AriListenerMetrics.class).eventReceived("StasisStart", "hello-world");
			assertThat(context.getBean(MeterRegistry.class)
				.get("ari.events.received")
				.tag("type", "StasisStart")
				.tag("application", "hello-world")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void metricsWhenBootConfiguresTheRegistryShouldRegisterInIt() {
		// Listed first on purpose: the ordering must put it after Boot's registry configurations.
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(AriMetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					MetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerAriListenerMetrics.class);
				context.getBean(AriListenerMetrics.class).connectionChanged(true);
				assertThat(context.getBean(MeterRegistry.class).get("ari.websocket.connected").gauge().value())
					.isEqualTo(1);
			});
	}

	@Test
	void metricsWhenConnectionPoolPresentShouldRegisterItsGaugesTaggedWithTheServer() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.withBean(AriConnectionPool.class, () -> AriConnectionPool.builder("ari-default").maxConnections(7).build())
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerAriConnectionPoolMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("ari.http.pool.max").tag("server", "default").gauge().value()).isEqualTo(7);
				assertThat(registry.get("ari.http.pool.max.pending").tag("server", "default").gauge().value())
					.isEqualTo(10_000);
				for (String idle : new String[] { "ari.http.pool.active", "ari.http.pool.idle", "ari.http.pool.pending" }) {
					assertThat(registry.get(idle).tag("server", "default").gauge().value()).as(idle).isZero();
				}
			});
	}

	@Test
	void metricsWhenNoConnectionPoolShouldNotRegisterPoolGauges() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(AriListenerMetrics.class)
				.doesNotHaveBean(MicrometerAriConnectionPoolMetrics.class));
	}

	@Test
	void broadcastMetersShouldCountClaimOutcomesAndCallsInProgress() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withUserConfiguration(ClaimerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(AriBroadcastMeterBinder.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("ari.broadcast.claims").functionCounters()).hasSize(4)
					.extracting((counter) -> counter.getId().getTag("outcome"))
					.containsExactlyInAnyOrder("won", "lost", "failed", "declined");
				assertThat(registry.get("ari.broadcast.claims").tag("outcome", "lost").functionCounter().count())
					.isZero();
				assertThat(registry.get("ari.broadcast.calls").gauge().value()).isZero();
			});
	}

	@Test
	void takeoverMetersShouldCountStandbyApplicationsAndTakeovers() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(AriApplicationTakeover.class, () -> new AriApplicationTakeover(Duration.ofSeconds(2)))
			.run((context) -> {
				assertThat(context).hasSingleBean(AriTakeoverMeterBinder.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("ari.applications.standby").gauge().value()).isZero();
				assertThat(registry.get("ari.applications.takeovers").functionCounter().count()).isZero();
			});
	}

	@Test
	void broadcastMetersWhenNoClaimerShouldBackOff() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(AriBroadcastMeterBinder.class));
	}

	@Test
	void metricsWhenNoMeterRegistryShouldBackOff() {
		this.contextRunner.withBean(AriConnectionPool.class, () -> AriConnectionPool.builder("ari-default").build())
			.run((context) -> assertThat(context).doesNotHaveBean(AriListenerMetrics.class)
				.doesNotHaveBean(MicrometerAriConnectionPoolMetrics.class));
	}

	@Test
	void metricsWhenMicrometerMissingShouldBackOff() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AriListenerMetrics.class));
	}

	@Test
	void metricsWhenUserDefinesListenerMetricsShouldBackOff() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class, CustomMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(AriListenerMetrics.class)
				.doesNotHaveBean(MicrometerAriListenerMetrics.class)
				.getBean(AriListenerMetrics.class)
				.isSameAs(AriListenerMetrics.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClaimerConfiguration {

		@Bean
		AriBroadcastClaimer claimer() {
			return new AriBroadcastClaimer(AriClaimPolicy.withinCapacity(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		AriListenerMetrics customListenerMetrics() {
			return AriListenerMetrics.NONE;
		}

	}

}
