package io.github.arispring.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.annotation.StasisEventHandlerMethodProcessor;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventErrorHandler;
import io.github.arispring.listener.AriEventExecutors;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.listener.ChannelReleasingErrorHandler;
import io.github.arispring.observation.AriEventProcessObservationConvention;

/**
 * The events WebSocket, its dispatcher, the error handlers that release a failed call's
 * channel, and {@code @StasisEventHandler} discovery.
 */
@Configuration(proxyBeanMethods = false)
class AriListenerConfiguration {

	static final String EXECUTOR_BEAN_NAME = "ariEventExecutor";

	static final String HANGUP_ERROR_HANDLER_BEAN_NAME = "ariHangupErrorHandler";

	static final String CONTINUE_ERROR_HANDLER_BEAN_NAME = "ariContinueErrorHandler";

	@Bean(name = EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = EXECUTOR_BEAN_NAME)
	Executor ariEventExecutor(AriProperties properties) {
		return AriEventExecutors.create(properties.getListener().getConcurrency());
	}

	@Bean(name = HANGUP_ERROR_HANDLER_BEAN_NAME)
	@ConditionalOnMissingBean(name = HANGUP_ERROR_HANDLER_BEAN_NAME)
	ChannelReleasingErrorHandler ariHangupErrorHandler() {
		return new ChannelReleasingErrorHandler(ChannelReleasingErrorHandler.Action.HANGUP);
	}

	@Bean(name = CONTINUE_ERROR_HANDLER_BEAN_NAME)
	@ConditionalOnMissingBean(name = CONTINUE_ERROR_HANDLER_BEAN_NAME)
	ChannelReleasingErrorHandler ariContinueErrorHandler() {
		return new ChannelReleasingErrorHandler(ChannelReleasingErrorHandler.Action.CONTINUE);
	}

	@Bean
	@ConditionalOnMissingBean
	AriEventDispatcher ariEventDispatcher(@Qualifier(EXECUTOR_BEAN_NAME) Executor executor, AriProperties properties,
			ObjectProvider<AriListenerMetrics> metrics, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AriEventProcessObservationConvention> observationConvention,
			ObjectProvider<AriClient> client, ObjectProvider<ReactiveAriClient> reactiveClient, BeanFactory beanFactory) {
		AriEventDispatcher dispatcher = new AriEventDispatcher(executor, properties.getListener().getQueueCapacity());
		dispatcher.setDefaultSource(AriEventSource.of(AriEventSource.DEFAULT_NAME, client::getObject,
				reactiveClient::getObject));
		dispatcher.setMetrics(metrics.getIfAvailable(() -> AriListenerMetrics.NONE));
		observationRegistry.ifAvailable(dispatcher::setObservationRegistry);
		dispatcher.setObservationConvention(observationConvention.getIfAvailable());
		String errorHandler = switch (properties.getListener().getErrorHandler()) {
			case LOG -> null;
			case HANGUP -> HANGUP_ERROR_HANDLER_BEAN_NAME;
			case CONTINUE -> CONTINUE_ERROR_HANDLER_BEAN_NAME;
		};
		if (errorHandler != null) {
			dispatcher.setErrorHandler(beanFactory.getBean(errorHandler, AriEventErrorHandler.class));
		}
		return dispatcher;
	}

	@Bean
	@ConditionalOnMissingBean
	StasisEventHandlerMethodProcessor stasisEventHandlerMethodProcessor(AriEventDispatcher dispatcher) {
		return new StasisEventHandlerMethodProcessor(dispatcher);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "ari.listener.takeover.enabled", matchIfMissing = true)
	AriApplicationTakeover ariApplicationTakeover(AriProperties properties) {
		return new AriApplicationTakeover(properties.getListener().getTakeover().getCheckInterval());
	}

	@Bean
	@Conditional(AriDefaultServerCondition.class)
	@ConditionalOnMissingBean
	AriEventListenerContainer ariEventListenerContainer(AriConnectionDetails connectionDetails, AriProperties properties,
			AriEventDispatcher dispatcher, ObjectProvider<AriListenerMetrics> metrics,
			ObjectProvider<WebSocketRestConnector> webSocketRestConnector) {
		List<String> applications = AriConfigurationValidator.validateListener(properties, connectionDetails);
		AriEventListenerContainer container = AriServerBuilder.listenerContainer(connectionDetails,
				AriServerBuilder.Listener.of(properties), applications, dispatcher,
				metrics.getIfAvailable(() -> AriListenerMetrics.NONE), webSocketRestConnector.getIfAvailable());
		return container;
	}

}
