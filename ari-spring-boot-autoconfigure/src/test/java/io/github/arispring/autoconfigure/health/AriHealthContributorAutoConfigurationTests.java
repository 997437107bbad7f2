package io.github.arispring.autoconfigure.health;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.health.AriHealthIndicator;
import io.github.arispring.listener.AriConnectionState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriHealthContributorAutoConfiguration}.
 */
class AriHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriAutoConfiguration.class,
				AriHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues("ari.url=http://localhost:8088", "ari.username=asterisk", "ari.password=secret",
				"ari.applications=hello-world", "ari.listener.auto-startup=false");

	@Test
	void healthWhenConnectionStatePresentShouldRegisterAriContributor() {
		this.contextRunner.withUserConfiguration(ConnectionStateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AriHealthIndicator.class);
			assertThat(context.getBean(ReactiveHealthContributorRegistry.class).getContributor("ari"))
				.isSameAs(context.getBean(AriHealthIndicator.class));
		});
	}

	@Test
	void healthWhenDisconnectedShouldReportDownThroughTheRegistry() {
		this.contextRunner.withUserConfiguration(ConnectionStateConfiguration.class).run((context) -> {
			ReactiveHealthIndicator ari = (ReactiveHealthIndicator) context
				.getBean(ReactiveHealthContributorRegistry.class)
				.getContributor("ari");
			Health health = ari.health().block(Duration.ofSeconds(5));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "Connection refused");
		});
	}

	@Test
	void healthWhenTimeoutSetShouldBindIt() {
		this.contextRunner.withUserConfiguration(ConnectionStateConfiguration.class)
			.withPropertyValues("management.health.ari.timeout=2s")
			.run((context) -> assertThat(context.getBean(AriHealthIndicatorProperties.class).getTimeout())
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void healthWhenDisabledShouldBackOff() {
		this.contextRunner.withUserConfiguration(ConnectionStateConfiguration.class)
			.withPropertyValues("management.health.ari.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AriHealthIndicator.class));
	}

	@Test
	void healthWhenDefaultsDisabledShouldBackOff() {
		this.contextRunner.withUserConfiguration(ConnectionStateConfiguration.class)
			.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AriHealthIndicator.class));
	}

	@Test
	void healthWhenOnlyTheListenerContainerIsThereShouldReportItsState() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(AriHealthIndicator.class).health().block(Duration.ofSeconds(5));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "The events WebSocket is not connected");
		});
	}

	@Test
	void healthWhenNoConnectionStateShouldBackOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AriHealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AriHealthIndicator.class));
	}

	@Test
	void healthWhenHealthModuleMissingShouldBackOff() {
		this.contextRunner.withUserConfiguration(ConnectionStateConfiguration.class)
			.withClassLoader(new FilteredClassLoader(AbstractReactiveHealthIndicator.class,
					ConditionalOnEnabledHealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AriHealthIndicator.class));
	}

	@Test
	void healthWhenUserDefinesAriHealthIndicatorShouldBackOff() {
		this.contextRunner.withUserConfiguration(ConnectionStateConfiguration.class, CustomHealthConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ReactiveHealthIndicator.class)
				.doesNotHaveBean(AriHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionStateConfiguration {

		@Bean
		@Primary
		AriConnectionState ariConnectionState() {
			return new AriConnectionState() {

				@Override
				public boolean isConnected() {
					return false;
				}

				@Override
				public @Nullable String getLastFailure() {
					return "Connection refused";
				}

				@Override
				public List<String> getApplications() {
					return List.of("hello-world");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHealthConfiguration {

		@Bean
		ReactiveHealthIndicator ariHealthIndicator() {
			return () -> reactor.core.publisher.Mono.just(Health.up().build());
		}

	}

}
