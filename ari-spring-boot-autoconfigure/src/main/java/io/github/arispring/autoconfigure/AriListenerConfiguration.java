package io.github.arispring.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import io.github.arispring.annotation.StasisEventHandlerMethodProcessor;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventExecutors;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.observation.AriEventProcessObservationConvention;

/**
 * The events WebSocket, its dispatcher and {@code @StasisEventHandler} discovery.
 */
@Configuration(proxyBeanMethods = false)
class AriListenerConfiguration {

	static final String EXECUTOR_BEAN_NAME = "ariEventExecutor";

	@Bean(name = EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = EXECUTOR_BEAN_NAME)
	Executor ariEventExecutor(AriProperties properties) {
		return AriEventExecutors.create(properties.getListener().getConcurrency());
	}

	@Bean
	@ConditionalOnMissingBean
	AriEventDispatcher ariEventDispatcher(@Qualifier(EXECUTOR_BEAN_NAME) Executor executor, AriProperties properties,
			ObjectProvider<AriListenerMetrics> metrics, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AriEventProcessObservationConvention> observationConvention,
			ObjectProvider<AriClient> client, ObjectProvider<ReactiveAriClient> reactiveClient) {
		AriEventDispatcher dispatcher = new AriEventDispatcher(executor, properties.getListener().getQueueCapacity());
		dispatcher.setDefaultSource(AriEventSource.of(AriEventSource.DEFAULT_NAME, client::getObject,
				reactiveClient::getObject));
		dispatcher.setMetrics(metrics.getIfAvailable(() -> AriListenerMetrics.NONE));
		observationRegistry.ifAvailable(dispatcher::setObservationRegistry);
		dispatcher.setObservationConvention(observationConvention.getIfAvailable());
		return dispatcher;
	}

	@Bean
	@ConditionalOnMissingBean
	StasisEventHandlerMethodProcessor stasisEventHandlerMethodProcessor(AriEventDispatcher dispatcher) {
		return new StasisEventHandlerMethodProcessor(dispatcher);
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnAriServerCondition.class)
	AriEventListenerContainer ariEventListenerContainer(AriConnectionDetails connectionDetails, AriProperties properties,
			AriEventDispatcher dispatcher, ObjectProvider<AriListenerMetrics> metrics) {
		List<String> applications = AriConfigurationValidator.validateListener(properties, connectionDetails);
		AriProperties.Listener listener = properties.getListener();
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.getConnectTimeout().toMillis());
		SslBundle sslBundle = connectionDetails.getSslBundle();
		if (sslBundle != null) {
			SslManagerBundle managers = sslBundle.getManagers();
			httpClient = httpClient.secure((ssl) -> ssl.sslContext(Http11SslContextSpec.forClient()
				.configure((builder) -> builder.keyManager(managers.getKeyManagerFactory())
					.trustManager(managers.getTrustManagerFactory()))));
		}
		int maxFrame = (int) Math.min(Integer.MAX_VALUE, listener.getMaxFrameSize().toBytes());
		ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(httpClient,
				() -> WebsocketClientSpec.builder().protocols("ari").maxFramePayloadLength(maxFrame));
		AriEventListenerContainer container = new AriEventListenerContainer(client, connectionDetails.getEventsUri(),
				connectionDetails.getUsername(), connectionDetails.getPassword(), applications,
				properties.isSubscribeAll(), dispatcher);
		container.setMetrics(metrics.getIfAvailable(() -> AriListenerMetrics.NONE));
		container.setAutoStartup(listener.isAutoStartup());
		container.setPing(listener.getPingInterval(), listener.getPingTimeout());
		AriProperties.Reconnect reconnect = listener.getReconnect();
		container.setReconnect(reconnect.getInitialDelay(), reconnect.getMaxDelay(), reconnect.getMultiplier(),
				reconnect.getJitter());
		container.setShutdownTimeout(listener.getShutdownTimeout());
		return container;
	}

}
