package io.github.arispring.autoconfigure;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.call.AriCallExecutors;
import io.github.arispring.call.AriCalls;
import io.github.arispring.call.StasisCallMethodProcessor;
import io.github.arispring.listener.AriListenerMetrics;

/**
 * Calls as scripts: {@code @StasisCall} discovery, the registry that feeds calls their events
 * (an {@code AriEventHandler} bean, registered on the dispatcher with the others), and the
 * executor their scripts run on.
 */
@Configuration(proxyBeanMethods = false)
class AriCallConfiguration {

	static final String EXECUTOR_BEAN_NAME = "ariCallExecutor";

	@Bean(name = EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = EXECUTOR_BEAN_NAME)
	Executor ariCallExecutor(AriProperties properties) {
		return AriCallExecutors.create(properties.getCall().getConcurrency());
	}

	@Bean
	@ConditionalOnMissingBean
	AriCalls ariCalls(@Qualifier(EXECUTOR_BEAN_NAME) Executor executor, AriProperties properties,
			ObjectProvider<AriListenerMetrics> metrics) {
		AriCalls calls = new AriCalls(executor);
		calls.setMetrics(metrics.getIfAvailable(() -> AriListenerMetrics.NONE));
		calls.setShutdownTimeout(properties.getCall().getShutdownTimeout());
		return calls;
	}

	@Bean
	@ConditionalOnMissingBean
	StasisCallMethodProcessor stasisCallMethodProcessor(AriCalls calls) {
		return new StasisCallMethodProcessor(calls);
	}

}
