package io.github.arispring.annotation;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.CachedExpressionEvaluator;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.expression.Expression;

import io.github.arispring.event.AriEvent;

/**
 * Evaluates {@link StasisEventHandler#condition()} expressions, parsing each one once.
 */
final class StasisEventExpressionEvaluator extends CachedExpressionEvaluator {

	private final Map<ExpressionKey, Expression> conditionCache = new ConcurrentHashMap<>(64);

	boolean condition(String condition, AriEvent event, Method method, AnnotatedElementKey methodKey, Object[] args,
			BeanFactory beanFactory) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(new RootObject(event, args), method,
				args, getParameterNameDiscoverer());
		context.setVariable("event", event);
		context.setVariable("application", event.application());
		context.setBeanResolver(new BeanFactoryResolver(beanFactory));
		return Boolean.TRUE.equals(getExpression(this.conditionCache, methodKey, condition).getValue(context, Boolean.class));
	}

	/**
	 * The root object of a condition: {@code #root.event} and {@code #root.args}.
	 * @param event the event
	 * @param args the method's arguments
	 */
	record RootObject(AriEvent event, Object[] args) {

		public AriEvent getEvent() {
			return this.event;
		}

		public Object[] getArgs() {
			return this.args;
		}

	}

}
