package io.github.arispring.annotation;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

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
		List<AriEventHandler> handlers = new ArrayList<>(context.getBeansOfType(AriEventHandler.class).values());
		for (AnnotatedBeanMethods.Found found : AnnotatedBeanMethods.find(context, StasisEventHandler.class)) {
			StasisEventHandlerMethodAdapter adapter = new StasisEventHandlerMethodAdapter(found.beanName(),
					found.targetType(), found.method(), context, this.evaluator);
			handlers.add(adapter);
			if (logger.isDebugEnabled()) {
				logger.debug("Registered " + adapter);
			}
		}
		AnnotationAwareOrderComparator.sort(handlers);
		handlers.forEach(this.dispatcher::addHandler);
	}

}
