package io.github.arispring.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds the methods of a context's beans that carry an annotation, the way Spring's own
 * listener processors do: scoped-proxy targets are skipped, the class behind a proxy is
 * searched, and each method is the one to invoke on the bean as the context holds it. Used
 * for {@link StasisEventHandler} and {@code @StasisCall} methods.
 */
public final class AnnotatedBeanMethods {

	private static final Log logger = LogFactory.getLog(AnnotatedBeanMethods.class);

	private AnnotatedBeanMethods() {
	}

	/**
	 * Finds the annotated methods of every bean.
	 * @param context the context, whose singletons exist
	 * @param annotation the annotation, found merged (as a meta-annotation too)
	 * @return the methods, in the order of the beans' definitions
	 */
	public static List<Found> find(ConfigurableApplicationContext context, Class<? extends Annotation> annotation) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Set<Class<?>> nonAnnotatedClasses = new HashSet<>();
		List<Found> found = new ArrayList<>();
		for (String beanName : beanFactory.getBeanNamesForType(Object.class, false, false)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> targetType;
			try {
				targetType = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
			}
			catch (RuntimeException ex) {
				if (logger.isDebugEnabled()) {
					logger.debug("Could not resolve target class for bean " + beanName, ex);
				}
				continue;
			}
			if (targetType == null || nonAnnotatedClasses.contains(targetType)
					|| !AnnotationUtils.isCandidateClass(targetType, annotation)) {
				continue;
			}
			Map<Method, Annotation> methods = MethodIntrospector.selectMethods(targetType,
					(MethodIntrospector.MetadataLookup<Annotation>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, annotation));
			if (methods.isEmpty()) {
				nonAnnotatedClasses.add(targetType);
				continue;
			}
			Class<?> beanType = context.getType(beanName);
			for (Method method : methods.keySet()) {
				Method invocable = AopUtils.selectInvocableMethod(method, (beanType != null) ? beanType : targetType);
				found.add(new Found(beanName, targetType, invocable));
			}
		}
		return found;
	}

	/**
	 * An annotated method of a bean.
	 * @param beanName the bean's name
	 * @param targetType the class behind the bean's proxy, if any
	 * @param method the method to invoke on the bean
	 */
	public record Found(String beanName, Class<?> targetType, Method method) {
	}

}
