package io.github.arispring.call;

import java.lang.reflect.Method;
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
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds {@link StasisCall} methods on every bean once all singletons exist, and registers
 * them on {@link AriCalls}.
 */
public class StasisCallMethodProcessor implements SmartInitializingSingleton, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(StasisCallMethodProcessor.class);

	private final AriCalls calls;

	private final StasisCallExpressionEvaluator evaluator = new StasisCallExpressionEvaluator();

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet(64);

	private @Nullable ConfigurableApplicationContext applicationContext;

	/**
	 * Creates a processor.
	 * @param calls where to register the scripts
	 */
	public StasisCallMethodProcessor(AriCalls calls) {
		this.calls = calls;
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
				register(beanName, type, context);
			}
		}
	}

	private void register(String beanName, Class<?> targetType, ConfigurableApplicationContext context) {
		if (this.nonAnnotatedClasses.contains(targetType)
				|| !AnnotationUtils.isCandidateClass(targetType, StasisCall.class)) {
			return;
		}
		Map<Method, StasisCall> methods = MethodIntrospector.selectMethods(targetType,
				(MethodIntrospector.MetadataLookup<StasisCall>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, StasisCall.class));
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetType);
			return;
		}
		for (Method method : methods.keySet()) {
			Class<?> beanType = context.getType(beanName);
			Method invocable = AopUtils.selectInvocableMethod(method, (beanType != null) ? beanType : targetType);
			StasisCallMethod script = new StasisCallMethod(beanName, targetType, invocable, context, this.evaluator);
			this.calls.addScript(script);
			if (logger.isDebugEnabled()) {
				logger.debug("Registered " + script);
			}
		}
	}

}
