package io.github.arispring.call;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.arispring.annotation.AnnotatedBeanMethods;

/**
 * Finds {@link StasisCall} methods on every bean once all singletons exist, and registers
 * them on {@link AriCalls}.
 */
public class StasisCallMethodProcessor implements SmartInitializingSingleton, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(StasisCallMethodProcessor.class);

	private final AriCalls calls;

	private final StasisCallExpressionEvaluator evaluator = new StasisCallExpressionEvaluator();

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
		for (AnnotatedBeanMethods.Found found : AnnotatedBeanMethods.find(context, StasisCall.class)) {
			StasisCallMethod script = new StasisCallMethod(found.beanName(), found.targetType(), found.method(),
					context, this.evaluator);
			this.calls.addScript(script);
			if (logger.isDebugEnabled()) {
				logger.debug("Registered " + script);
			}
		}
	}

}
