package io.github.arispring.autoconfigure.health;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.autoconfigure.AriOutboundAutoConfiguration;
import io.github.arispring.autoconfigure.AriProperties;
import io.github.arispring.client.ReactiveAsteriskApi;
import io.github.arispring.health.AriHealthIndicator;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriConnectionState;
import io.github.arispring.outbound.AriOutboundConnections;

/**
 * Auto-configuration of the {@code ari} health contributor when Spring Boot's health
 * support is present and the events listener reports its connection state, or outbound
 * connections are accepted. Switched off
 * with {@code management.health.ari.enabled=false}.
 */
@AutoConfiguration(after = { AriAutoConfiguration.class, AriOutboundAutoConfiguration.class })
@ConditionalOnClass({ AbstractReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, Mono.class })
@Conditional(AriHealthContributorAutoConfiguration.OnAriConnections.class)
@ConditionalOnEnabledHealthIndicator("ari")
@EnableConfigurationProperties({ AriHealthIndicatorProperties.class, AriProperties.class })
public final class AriHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "ariHealthIndicator", "ariHealthContributor" })
	AriHealthIndicator ariHealthIndicator(ObjectProvider<AriConnectionState> connectionState,
			ObjectProvider<ReactiveAsteriskApi> reactiveAsteriskApi, ObjectProvider<AriOutboundConnections> outbound,
			AriHealthIndicatorProperties properties, AriProperties ariProperties,
			ObjectProvider<AriApplicationTakeover> takeover) {
		AriHealthIndicator indicator = new AriHealthIndicator(connectionState.getIfAvailable(),
				reactiveAsteriskApi.getIfAvailable(), properties.getTimeout(), takeover.getIfAvailable());
		indicator.setOutbound(outbound.getIfAvailable(), ariProperties.getOutbound().getPersistentGracePeriod());
		return indicator;
	}

	/**
	 * The events listener with a client, or outbound connections.
	 */
	static final class OnAriConnections extends AnyNestedCondition {

		OnAriConnections() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean({ AriConnectionState.class, ReactiveAsteriskApi.class })
		static final class Listener {

		}

		@ConditionalOnBean(AriOutboundConnections.class)
		static final class Outbound {

		}

	}

}
