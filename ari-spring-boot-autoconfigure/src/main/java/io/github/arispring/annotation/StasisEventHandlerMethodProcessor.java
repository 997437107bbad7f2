package io.github.arispring.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.AnnotationUtils;

import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventHandler;

/**
 * Finds {@link StasisEventHandler} methods on every bean once all singletons exist, and
 * registers them, with any {@link AriEventHandler} beans, on the {@link AriEventDispatcher}
 * in {@code @Order} order.
 */
public class StasisEventHandlerMethodProcessor implements SmartInitializingSingleton, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(StasisEventHandlerMethodProcessor.class);

	private final AriEventDispatcher dispatcher;

	private final StasisEventExpressionEvaluator evaluator = new StasisEventExpressionEvaluator();

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet(64);

	private @Nullable ConfigurableApplicationContext applicationContext;

	/**
	 * Creates a processor.
	 * @param dispatcher the dispatcher to register handlers on
	 */
	public StasisEventHandlerMethodProcessor(AriEventDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = (ConfigurableApplicationContext) applicationContext;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableApplicationContext context = this.applicationContext;
		if (context == null) {
			return;
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		List<AriEventHandler> handlers = new ArrayList<>(context.getBeansOfType(AriEventHandler.class).values());
		for (String beanName : beanFactory.getBeanNamesForType(Object.class, false, false)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type;
			try {
				type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
			}
			catch (RuntimeException ex) {
				if (logger.isDebugEnabled()) {
					logger.debug("Could not resolve target class for bean " + beanName, ex);
				}
				continue;
			}
			if (type != null) {
				handlers.addAll(handlersOf(beanName, type, context));
			}
		}
		AnnotationAwareOrderComparator.sort(handlers);
		handlers.forEach(this.dispatcher::addHandler);
	}

	private List<AriEventHandler> handlersOf(String beanName, Class<?> targetType, ConfigurableApplicationContext context) {
		if (this.nonAnnotatedClasses.contains(targetType)
				|| !AnnotationUtils.isCandidateClass(targetType, StasisEventHandler.class)) {
			return List.of();
		}
		Map<Method, StasisEventHandler> methods = MethodIntrospector.selectMethods(targetType,
				(MethodIntrospector.MetadataLookup<StasisEventHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, StasisEventHandler.class));
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetType);
			return List.of();
		}
		List<AriEventHandler> handlers = new ArrayList<>();
		for (Method method : methods.keySet()) {
			Class<?> beanType = context.getType(beanName);
			Method invocable = AopUtils.selectInvocableMethod(method, (beanType != null) ? beanType : targetType);
			StasisEventHandlerMethodAdapter adapter = new StasisEventHandlerMethodAdapter(beanName, targetType,
					invocable, context, this.evaluator);
			handlers.add(adapter);
			if (logger.isDebugEnabled()) {
				logger.debug("Registered " + adapter);
			}
		}
		return handlers;
	}

}
