package io.github.arispring.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnNamedAriServers}.
 */
class OnNamedAriServersCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnNamedAriServers.class.getName());
		boolean required = (attributes == null) || Boolean.TRUE.equals(attributes.get("value"));
		boolean present = AriDefaultServerCondition.hasNamedServers(context);
		String message = present ? "ari.servers are configured" : "no ari.servers are configured";
		return (present == required) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

}
