package io.github.arispring.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.autoconfigure.ConditionalOnNamedAriServers;
import io.github.arispring.client.ReactiveAsteriskApi;
import io.github.arispring.health.AriHealthIndicator;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriConnectionState;
import io.github.arispring.server.AriServer;
import io.github.arispring.server.AriServers;

/**
 * Auto-configuration of the {@code ari} health contributor when Spring Boot's health
 * support is present: one indicator for the one server of {@code ari.url}, or, when
 * {@code ari.servers.*} are configured, a composite with one indicator per server, named
 * after it. Switched off with {@code management.health.ari.enabled=false}.
 */
@AutoConfiguration(after = AriAutoConfiguration.class)
@ConditionalOnClass({ AbstractReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, Mono.class })
@ConditionalOnEnabledHealthIndicator("ari")
@EnableConfigurationProperties(AriHealthIndicatorProperties.class)
public final class AriHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ AriConnectionState.class, ReactiveAsteriskApi.class })
	@ConditionalOnNamedAriServers(false)
	static class SingleServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "ariHealthIndicator", "ariHealthContributor" })
		AriHealthIndicator ariHealthIndicator(AriConnectionState connectionState,
				ReactiveAsteriskApi reactiveAsteriskApi, AriHealthIndicatorProperties properties,
				ObjectProvider<AriApplicationTakeover> takeover) {
			return new AriHealthIndicator(connectionState, reactiveAsteriskApi, properties.getTimeout(),
					takeover.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(AriServers.class)
	@ConditionalOnNamedAriServers
	static class ServersConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "ariHealthIndicator", "ariHealthContributor" })
		CompositeReactiveHealthContributor ariHealthContributor(AriServers servers,
				AriHealthIndicatorProperties properties, ObjectProvider<AriApplicationTakeover> takeover) {
			Map<String, AriHealthIndicator> indicators = new LinkedHashMap<>();
			for (AriServer server : servers.servers()) {
				indicators.put(server.name(), new AriHealthIndicator(connectionState(server),
						server.reactiveClient().asterisk(), properties.getTimeout(), takeover.getIfAvailable()));
			}
			return CompositeReactiveHealthContributor.fromMap(indicators);
		}

		private static AriConnectionState connectionState(AriServer server) {
			AriConnectionState state = server.connectionState();
			return (state != null) ? state : RestOnly.INSTANCE;
		}

	}

	/** A server without an events listener: its health is its REST answer alone. */
	private enum RestOnly implements AriConnectionState {

		INSTANCE;

		@Override
		public boolean isConnected() {
			return false;
		}

		@Override
		public @Nullable String getLastFailure() {
			return null;
		}

		@Override
		public List<String> getApplications() {
			return List.of();
		}

	}

}
