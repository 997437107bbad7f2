package io.github.arispring.call;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriEventSource;

/**
 * One {@link StasisCall} method: decides from its applications and condition whether a new
 * call is for it, and invokes it with the call and the other arguments it declares.
 */
final class StasisCallMethod implements Ordered {

	private final String beanName;

	private final Method method;

	private final Method targetMethod;

	private final AnnotatedElementKey methodKey;

	private final ApplicationContext applicationContext;

	private final StasisCallExpressionEvaluator evaluator;

	private final Set<String> applications;

	private final Set<String> servers;

	private final String condition;

	private final String name;

	private final int order;

	private final boolean reactive;

	private final Class<?>[] parameterTypes;

	private volatile @Nullable Object bean;

	StasisCallMethod(String beanName, Class<?> targetClass, Method method, ApplicationContext applicationContext,
			StasisCallExpressionEvaluator evaluator) {
		StasisCall annotation = AnnotatedElementUtils.findMergedAnnotation(method, StasisCall.class);
		if (annotation == null) {
			throw new IllegalArgumentException(method + " is not annotated with @StasisCall");
		}
		this.beanName = beanName;
		this.method = method;
		this.targetMethod = (!java.lang.reflect.Proxy.isProxyClass(targetClass))
				? AopUtils.getMostSpecificMethod(method, targetClass) : method;
		this.methodKey = new AnnotatedElementKey(this.targetMethod, targetClass);
		this.applicationContext = applicationContext;
		this.evaluator = evaluator;
		this.applications = Set.of(annotation.applications());
		this.servers = Set.of(annotation.servers());
		this.condition = annotation.condition();
		this.name = StringUtils.hasText(annotation.id()) ? annotation.id()
				: targetClass.getSimpleName() + "." + method.getName();
		Order order = AnnotatedElementUtils.findMergedAnnotation(method, Order.class);
		this.order = (order != null) ? order.value() : Ordered.LOWEST_PRECEDENCE;
		this.parameterTypes = method.getParameterTypes();
		this.reactive = validate(method, this.parameterTypes);
		ReflectionUtils.makeAccessible(method);
	}

	private static boolean validate(Method method, Class<?>[] types) {
		int calls = 0;
		boolean reactive = false;
		for (Class<?> type : types) {
			if (type == Call.class || type == ReactiveCall.class) {
				calls++;
				reactive = (type == ReactiveCall.class);
			}
			else if (type != StasisStart.class && type != AriEventSource.class && type != String.class) {
				throw new IllegalStateException("@StasisCall method " + method + " has a parameter of type "
						+ type.getName() + ", which cannot be resolved; use Call (or ReactiveCall), StasisStart, "
						+ "AriEventSource, or a String for the application name");
			}
		}
		if (calls != 1) {
			throw new IllegalStateException("@StasisCall method " + method + " must take exactly one Call or ReactiveCall");
		}
		boolean async = Publisher.class.isAssignableFrom(method.getReturnType())
				|| CompletionStage.class.isAssignableFrom(method.getReturnType());
		if (reactive && !async) {
			throw new IllegalStateException("@StasisCall method " + method + " takes a ReactiveCall, so it must return "
					+ "a Mono (or Publisher, CompletionStage) that completes when the call is done; with a void "
					+ "method, take a Call instead");
		}
		if (!reactive && async) {
			throw new IllegalStateException("@StasisCall method " + method + " takes a blocking Call but returns "
					+ method.getReturnType().getSimpleName() + "; take a ReactiveCall to compose Monos");
		}
		return reactive;
	}

	String name() {
		return this.name;
	}

	boolean isReactive() {
		return this.reactive;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	boolean matches(StasisStart event, AriEventSource source) {
		if (!this.applications.isEmpty() && !this.applications.contains(event.application())) {
			return false;
		}
		if (!this.servers.isEmpty() && !this.servers.contains(source.name())) {
			return false;
		}
		return this.condition.isEmpty() || this.evaluator.condition(this.condition, event, this.targetMethod,
				this.methodKey, this.applicationContext);
	}

	/**
	 * Runs the method.
	 * @return for a reactive method, what completes when the script is done
	 */
	Mono<Void> invoke(ReactiveCall call, StasisStart event, AriEventSource source) throws Throwable {
		Object[] args = new Object[this.parameterTypes.length];
		for (int i = 0; i < args.length; i++) {
			Class<?> type = this.parameterTypes[i];
			if (type == Call.class) {
				args[i] = call.blocking();
			}
			else if (type == ReactiveCall.class) {
				args[i] = call;
			}
			else if (type == StasisStart.class) {
				args[i] = event;
			}
			else if (type == AriEventSource.class) {
				args[i] = source;
			}
			else {
				args[i] = event.application();
			}
		}
		Object result;
		try {
			result = this.method.invoke(bean(), args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
		if (result instanceof CompletionStage<?> stage) {
			return Mono.fromCompletionStage(stage).then();
		}
		if (result instanceof Publisher<?> publisher) {
			return Flux.from(publisher).then();
		}
		if (this.reactive) {
			throw new IllegalStateException("@StasisCall method " + this.name + " returned null instead of a Mono");
		}
		return Mono.empty();
	}

	private Object bean() {
		Object bean = this.bean;
		if (bean == null) {
			bean = this.applicationContext.getBean(this.beanName);
			this.bean = bean;
		}
		return bean;
	}

	@Override
	public String toString() {
		return "@StasisCall " + this.name;
	}

}
