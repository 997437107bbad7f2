package io.github.arispring.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

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

import io.github.arispring.client.AriClient;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventErrorHandler;
import io.github.arispring.listener.AriEventHandler;
import io.github.arispring.listener.AriEventSource;

/**
 * One {@link StasisEventHandler} method as an {@link AriEventHandler}: decides from the
 * declared event type, applications and condition whether an event is for it, resolves the
 * other arguments, invokes it and adapts what it returns.
 */
public class StasisEventHandlerMethodAdapter implements AriEventHandler, AriEventDispatcher.ErrorHandling, Ordered {

	private final String beanName;

	private final Method method;

	private final Method targetMethod;

	private final AnnotatedElementKey methodKey;

	private final ApplicationContext applicationContext;

	private final StasisEventExpressionEvaluator evaluator;

	private final Class<? extends AriEvent> eventType;

	private final BiFunction<AriEvent, AriEventSource, Object>[] argumentResolvers;

	private final Set<String> applications;

	private final Set<String> servers;

	private final String condition;

	private final String errorHandlerName;

	private final String name;

	private final int order;

	private final AriEventSource contextSource;

	private volatile @Nullable Object bean;

	private volatile @Nullable AriEventErrorHandler errorHandler;

	StasisEventHandlerMethodAdapter(String beanName, Class<?> targetClass, Method method,
			ApplicationContext applicationContext, StasisEventExpressionEvaluator evaluator) {
		StasisEventHandler annotation = AnnotatedElementUtils.findMergedAnnotation(method, StasisEventHandler.class);
		if (annotation == null) {
			throw new IllegalArgumentException(method + " is not annotated with @StasisEventHandler");
		}
		this.beanName = beanName;
		this.method = method;
		this.targetMethod = (!java.lang.reflect.Proxy.isProxyClass(targetClass))
				? AopUtils.getMostSpecificMethod(method, targetClass) : method;
		this.methodKey = new AnnotatedElementKey(this.targetMethod, targetClass);
		this.applicationContext = applicationContext;
		this.evaluator = evaluator;
		this.eventType = resolveEventType(method);
		this.argumentResolvers = resolveArguments(method);
		this.contextSource = AriEventSource.of(AriEventSource.DEFAULT_NAME,
				() -> applicationContext.getBean(AriClient.class),
				() -> applicationContext.getBean(ReactiveAriClient.class));
		this.applications = Arrays.stream(annotation.applications())
			.map(applicationContext.getEnvironment()::resolveRequiredPlaceholders)
			.collect(Collectors.toUnmodifiableSet());
		this.servers = Set.of(annotation.servers());
		this.condition = annotation.condition();
		this.errorHandlerName = annotation.errorHandler();
		if (!this.errorHandlerName.isEmpty() && (!applicationContext.containsBean(this.errorHandlerName)
				|| !applicationContext.isTypeMatch(this.errorHandlerName, AriEventErrorHandler.class))) {
			throw new IllegalStateException("@StasisEventHandler method " + method + " names errorHandler '"
					+ this.errorHandlerName + "', but there is no AriEventErrorHandler bean of that name; define one, "
					+ "or use ariHangupErrorHandler or ariContinueErrorHandler");
		}
		this.name = StringUtils.hasText(annotation.id()) ? annotation.id()
				: targetClass.getSimpleName() + "." + method.getName();
		Order order = AnnotatedElementUtils.findMergedAnnotation(method, Order.class);
		this.order = (order != null) ? order.value() : Ordered.LOWEST_PRECEDENCE;
		ReflectionUtils.makeAccessible(method);
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends AriEvent> resolveEventType(Method method) {
		Class<? extends AriEvent> found = null;
		for (Class<?> type : method.getParameterTypes()) {
			if (AriEvent.class.isAssignableFrom(type)) {
				if (found != null) {
					throw new IllegalStateException("@StasisEventHandler method " + method
							+ " has two event parameters; declare one (a shared interface such as ChannelEvent takes several types)");
				}
				found = (Class<? extends AriEvent>) type;
			}
		}
		if (found == null) {
			throw new IllegalStateException("@StasisEventHandler method " + method
					+ " has no event parameter; declare one, such as StasisStart, ChannelEvent or AriEvent");
		}
		return found;
	}

	@SuppressWarnings("unchecked")
	private static BiFunction<AriEvent, AriEventSource, Object>[] resolveArguments(Method method) {
		Class<?>[] types = method.getParameterTypes();
		BiFunction<AriEvent, AriEventSource, Object>[] resolvers = new BiFunction[types.length];
		for (int i = 0; i < types.length; i++) {
			Class<?> type = types[i];
			if (AriEvent.class.isAssignableFrom(type)) {
				resolvers[i] = (event, source) -> event;
			}
			else if (type == AriClient.class) {
				resolvers[i] = (event, source) -> source.client();
			}
			else if (type == ReactiveAriClient.class) {
				resolvers[i] = (event, source) -> source.reactiveClient();
			}
			else if (type == AriEventSource.class) {
				resolvers[i] = (event, source) -> source;
			}
			else if (type == String.class) {
				resolvers[i] = (event, source) -> event.application();
			}
			else {
				throw new IllegalStateException("@StasisEventHandler method " + method + " has a parameter of type "
						+ type.getName() + ", which cannot be resolved; use the event, AriClient, ReactiveAriClient, "
						+ "AriEventSource, or a String for the application name");
			}
		}
		return resolvers;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * The event type the method declares.
	 * @return the type
	 */
	public Class<? extends AriEvent> getEventType() {
		return this.eventType;
	}

	@Override
	public boolean supportsEventType(Class<? extends AriEvent> eventType) {
		return this.eventType.isAssignableFrom(eventType);
	}

	@Override
	public boolean supports(AriEvent event) {
		return supports(event, this.contextSource);
	}

	@Override
	public boolean supports(AriEvent event, AriEventSource source) {
		if (!this.applications.isEmpty() && !this.applications.contains(event.application())) {
			return false;
		}
		if (!this.servers.isEmpty() && !this.servers.contains(source.name())) {
			return false;
		}
		if (this.condition.isEmpty()) {
			return true;
		}
		return this.evaluator.condition(this.condition, event, this.targetMethod, this.methodKey,
				arguments(event, source), this.applicationContext);
	}

	@Override
	public @Nullable CompletionStage<?> handle(AriEvent event) throws Exception {
		return handle(event, this.contextSource);
	}

	@Override
	public @Nullable CompletionStage<?> handle(AriEvent event, AriEventSource source) throws Exception {
		Object result;
		try {
			result = this.method.invoke(bean(), arguments(event, source));
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
		if (result instanceof CompletionStage<?> stage) {
			return stage;
		}
		if (result instanceof Mono<?> mono) {
			return mono.toFuture();
		}
		if (result instanceof Publisher<?> publisher) {
			return Flux.from(publisher).then().toFuture();
		}
		return null;
	}

	@Override
	public @Nullable AriEventErrorHandler errorHandler() {
		if (this.errorHandlerName.isEmpty()) {
			return null;
		}
		AriEventErrorHandler handler = this.errorHandler;
		if (handler == null) {
			handler = this.applicationContext.getBean(this.errorHandlerName, AriEventErrorHandler.class);
			this.errorHandler = handler;
		}
		return handler;
	}

	private Object[] arguments(AriEvent event, AriEventSource source) {
		Object[] args = new Object[this.argumentResolvers.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.argumentResolvers[i].apply(event, source);
		}
		return args;
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
		return "@StasisEventHandler " + this.name + "(" + this.eventType.getSimpleName() + ")";
	}

}
