package io.github.arispring.autoconfigure.health;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.client.ReactiveAsteriskApi;
import io.github.arispring.health.AriHealthIndicator;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriConnectionState;

/**
 * Auto-configuration of the {@code ari} health contributor when Spring Boot's health
 * support is present and the events listener reports its connection state. Switched off
 * with {@code management.health.ari.enabled=false}.
 */
@AutoConfiguration(after = AriAutoConfiguration.class)
@ConditionalOnClass({ AbstractReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, Mono.class })
@ConditionalOnBean({ AriConnectionState.class, ReactiveAsteriskApi.class })
@ConditionalOnEnabledHealthIndicator("ari")
@EnableConfigurationProperties(AriHealthIndicatorProperties.class)
public final class AriHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "ariHealthIndicator", "ariHealthContributor" })
	AriHealthIndicator ariHealthIndicator(AriConnectionState connectionState, ReactiveAsteriskApi reactiveAsteriskApi,
			AriHealthIndicatorProperties properties, ObjectProvider<AriApplicationTakeover> takeover) {
		return new AriHealthIndicator(connectionState, reactiveAsteriskApi, properties.getTimeout(),
				takeover.getIfAvailable());
	}

}
