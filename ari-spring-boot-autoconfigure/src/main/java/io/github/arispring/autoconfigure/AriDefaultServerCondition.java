package io.github.arispring.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether the server named {@code default} exists: when {@code ari.url} is set, when no
 * {@code ari.servers} are configured (so that a missing {@code ari.url} still fails with its
 * explanation), or when the application or a test kit defines its own
 * {@link AriConnectionDetails}. Only {@code ari.servers.*} without any of these configures
 * named servers alone, without the default server's beans.
 */
class AriDefaultServerCondition extends SpringBootCondition implements ConfigurationCondition {

	private static final String PROPERTIES_BEAN_NAME = "ariConnectionDetails";

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (StringUtils.hasText(context.getEnvironment().getProperty("ari.url"))) {
			return ConditionOutcome.match("ari.url is set");
		}
		if (!hasNamedServers(context)) {
			return ConditionOutcome.match("no ari.servers are configured");
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory != null) {
			for (String name : beanFactory.getBeanNamesForType(AriConnectionDetails.class, true, false)) {
				if (!PROPERTIES_BEAN_NAME.equals(name)) {
					return ConditionOutcome.match("AriConnectionDetails bean '" + name + "' is defined");
				}
			}
		}
		return ConditionOutcome.noMatch("only ari.servers are configured");
	}

	static boolean hasNamedServers(ConditionContext context) {
		return Binder.get(context.getEnvironment())
			.bind("ari.servers", Bindable.mapOf(String.class, AriProperties.Server.class))
			.map((servers) -> !servers.isEmpty())
			.orElse(false);
	}

}
