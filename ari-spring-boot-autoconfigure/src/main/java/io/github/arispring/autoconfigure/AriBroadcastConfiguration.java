package io.github.arispring.autoconfigure;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.broadcast.AriBroadcastClaimer;
import io.github.arispring.broadcast.AriClaimPolicy;

/**
 * Claims of the calls that {@code StasisBroadcast()} offers: the policy and the claimer, which
 * the handler discovery registers with the dispatcher.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ari.broadcast.enabled", matchIfMissing = true)
class AriBroadcastConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AriClaimPolicy ariClaimPolicy(AriProperties properties) {
		int maxCalls = properties.getBroadcast().getMaxCalls();
		if (maxCalls < 0) {
			throw new IllegalStateException("ari.broadcast.max-calls must not be negative, but is " + maxCalls);
		}
		return AriClaimPolicy.withinCapacity(maxCalls);
	}

	@Bean
	@ConditionalOnMissingBean
	AriBroadcastClaimer ariBroadcastClaimer(AriClaimPolicy ariClaimPolicy,
			@Qualifier(AriListenerConfiguration.EXECUTOR_BEAN_NAME) Executor executor) {
		AriBroadcastClaimer claimer = new AriBroadcastClaimer(ariClaimPolicy);
		claimer.setExecutor(executor);
		return claimer;
	}

}
