package io.github.arispring.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches unless the application only accepts outbound connections: {@code ari.outbound.enabled}
 * without {@code ari.url} and without connection details from elsewhere (such as a test kit).
 * Then nothing connects to Asterisk's HTTP server: no events listener and no default clients;
 * handlers use the clients of the connection their event came on.
 */
class OnAriServerCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (!environment.getProperty("ari.outbound.enabled", Boolean.class, false)) {
			return ConditionOutcome.match("ari.outbound.enabled is not set");
		}
		if (StringUtils.hasText(environment.getProperty("ari.url"))) {
			return ConditionOutcome.match("ari.url is set");
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory != null
				&& beanFactory.getBeanNamesForType(AriConnectionDetails.class, true, false).length > 0) {
			return ConditionOutcome.match("AriConnectionDetails are defined");
		}
		return ConditionOutcome.noMatch("only outbound connections: ari.outbound.enabled without ari.url");
	}

}
