package io.github.arispring.autoconfigure;

import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.outbound.AriOutboundClients;
import io.github.arispring.outbound.AriOutboundConnections;
import io.github.arispring.outbound.AriOutboundCredentials;
import io.github.arispring.outbound.AriOutboundEndpoint;
import io.github.arispring.outbound.AriOutboundMetrics;

/**
 * Auto-configuration of the endpoint Asterisk connects to (ARI outbound WebSockets), on the
 * application's reactive web server, when {@code ari.outbound.enabled} is set. Its events go
 * to the same dispatcher, and so the same {@code @StasisEventHandler} methods, as the events
 * listener's.
 */
@AutoConfiguration(after = AriAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(DispatcherHandler.class)
@ConditionalOnBooleanProperty("ari.outbound.enabled")
public final class AriOutboundAutoConfiguration {

	/** The name of the handler mapping that routes {@code ari.outbound.path} to the endpoint. */
	public static final String HANDLER_MAPPING_BEAN_NAME = "ariOutboundHandlerMapping";

	private static final boolean OTHER_SERVER_PRESENT = ClassUtils
		.isPresent("org.apache.tomcat.websocket.server.WsServerContainer", null)
			|| ClassUtils.isPresent("org.eclipse.jetty.websocket.server.ServerWebSocketContainer", null);

	@Bean
	@ConditionalOnMissingBean
	AriOutboundConnections ariOutboundConnections(AriProperties properties, AriEventDispatcher dispatcher) {
		AriOutboundConnections connections = new AriOutboundConnections(
				AriConfigurationValidator.applications(properties.getOutbound().getPersistentApplications()),
				dispatcher);
		connections.setShutdownTimeout(properties.getOutbound().getShutdownTimeout());
		return connections;
	}

	@Bean
	@ConditionalOnMissingBean
	AriOutboundClients ariOutboundClients(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ClientRequestObservationConvention> observationConvention, Environment environment) {
		return new AriOutboundClients(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				AriHttpObservations.convention(observationConvention, environment));
	}

	@Bean
	@ConditionalOnMissingBean
	AriOutboundEndpoint ariOutboundEndpoint(AriProperties properties, AriOutboundConnections connections,
			AriEventDispatcher dispatcher, AriOutboundClients clients, ObjectProvider<AriListenerMetrics> listenerMetrics,
			ObjectProvider<AriOutboundMetrics> metrics) {
		AriProperties.Outbound outbound = properties.getOutbound();
		AriOutboundEndpoint endpoint = new AriOutboundEndpoint(connections, dispatcher,
				webSocketService((int) Math.min(Integer.MAX_VALUE, outbound.getMaxFrameSize().toBytes())), clients,
				credentials(outbound));
		endpoint.setListenerMetrics(listenerMetrics.getIfAvailable(() -> AriListenerMetrics.NONE));
		endpoint.setMetrics(metrics.getIfAvailable(() -> AriOutboundMetrics.NONE));
		endpoint.setResponseTimeout(properties.getResponseTimeout());
		return endpoint;
	}

	@Bean(name = HANDLER_MAPPING_BEAN_NAME)
	@ConditionalOnMissingBean(name = HANDLER_MAPPING_BEAN_NAME)
	SimpleUrlHandlerMapping ariOutboundHandlerMapping(AriProperties properties, AriOutboundEndpoint endpoint) {
		// Before the application's own mappings, so that a catch-all route cannot hide it.
		return new SimpleUrlHandlerMapping(Map.of(properties.getOutbound().getPath(), endpoint),
				Ordered.HIGHEST_PRECEDENCE + 10);
	}

	private static WebSocketService webSocketService(int maxFrameSize) {
		if (OTHER_SERVER_PRESENT) {
			return new HandshakeWebSocketService();
		}
		return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameSize)));
	}

	private static @Nullable AriOutboundCredentials credentials(AriProperties.Outbound outbound) {
		String username = outbound.getUsername();
		if (!StringUtils.hasText(username)) {
			if (StringUtils.hasText(outbound.getPassword())) {
				throw new IllegalStateException(
						"ari.outbound.password is set without ari.outbound.username: set both, or neither to accept "
								+ "connections without credentials");
			}
			return null;
		}
		String password = outbound.getPassword();
		return new AriOutboundCredentials(username, (password != null) ? password : "");
	}

}
