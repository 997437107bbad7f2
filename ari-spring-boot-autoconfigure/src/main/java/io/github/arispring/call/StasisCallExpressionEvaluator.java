package io.github.arispring.call;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.CachedExpressionEvaluator;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.expression.Expression;

import io.github.arispring.event.StasisStart;

/**
 * Evaluates {@link StasisCall#condition()} expressions, parsing each one once.
 */
final class StasisCallExpressionEvaluator extends CachedExpressionEvaluator {

	private final Map<ExpressionKey, Expression> conditionCache = new ConcurrentHashMap<>(64);

	boolean condition(String condition, StasisStart event, Method method, AnnotatedElementKey methodKey,
			BeanFactory beanFactory) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(new RootObject(event), method,
				new Object[method.getParameterCount()], getParameterNameDiscoverer());
		context.setVariable("event", event);
		context.setVariable("application", event.application());
		context.setBeanResolver(new BeanFactoryResolver(beanFactory));
		return Boolean.TRUE.equals(getExpression(this.conditionCache, methodKey, condition).getValue(context, Boolean.class));
	}

	/**
	 * The root object of a condition: {@code #root.event}.
	 * @param event the event
	 */
	record RootObject(StasisStart event) {

		public StasisStart getEvent() {
			return this.event;
		}

	}

}
