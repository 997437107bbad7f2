package io.github.arispring.autoconfigure;

import reactor.netty.http.client.HttpClient;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.client.websocket.RestTransportRoutingConnector;
import io.github.arispring.client.websocket.WebSocketRestConnector;

/**
 * Auto-configuration of ARI: the REST clients (one bean per resource interface, blocking and
 * reactive, the {@code AriClient} facades, and the factory behind them, built on Spring
 * Boot's {@link WebClient.Builder} so that REST calls appear in {@code http.client.requests}),
 * the bounded pool of their HTTP connections ({@code ari.http.*}), and the events WebSocket
 * with {@code @StasisEventHandler} dispatch; REST calls go over HTTP or, with
 * {@code ari.rest.transport}, over the events WebSocket. Fails at start-up, with a failure
 * analysis, when the URL or the credentials are missing.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(AriProperties.class)
@Import({ AriListenerConfiguration.class, AriCallConfiguration.class, AriBroadcastConfiguration.class })
public final class AriAutoConfiguration {

	/** The name of the REST clients' connection pool, as Reactor Netty's logs show it. */
	static final String POOL_NAME = "ari-" + AriEventSource.DEFAULT_NAME;

	/**
	 * The connection to Asterisk's HTTP server, unless the application only accepts outbound
	 * connections ({@code ari.outbound.enabled} without {@code ari.url}).
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnAriServerCondition.class)
	@Import({ AriClientsConfiguration.class, AriRestTransportConfiguration.class })
	static class AriServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(AriConnectionDetails.class)
		PropertiesAriConnectionDetails ariConnectionDetails(AriProperties properties,
				ObjectProvider<SslBundles> sslBundles) {
			return new PropertiesAriConnectionDetails(properties, sslBundles.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		AriConnectionPool ariConnectionPool(AriProperties properties,
				ObjectProvider<AriConnectionPoolBuilderCustomizer> customizers) {
			AriProperties.Http http = properties.getHttp();
			AriConnectionPool.Builder builder = AriConnectionPool.builder(POOL_NAME)
				.maxConnections(http.getMaxConnections())
				.maxPending(http.getMaxPending())
				.pendingAcquireTimeout(http.getPendingAcquireTimeout())
				.maxIdleTime(http.getMaxIdleTime())
				.evictionInterval(http.getEvictionInterval());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		AriClientFactory ariClientFactory(AriConnectionDetails connectionDetails, AriProperties properties,
				AriConnectionPool connectionPool, ObjectProvider<WebClient.Builder> webClientBuilder,
				ObjectProvider<WebSocketRestConnector> webSocketRestConnector) {
			String baseUri = connectionDetails.getBaseUri().toString();
			AriConfigurationValidator.validateCredentials(connectionDetails);
			HttpClientSettings settings = HttpClientSettings.defaults()
				.withTimeouts(properties.getConnectTimeout(), properties.getResponseTimeout())
				.withSslBundle(connectionDetails.getSslBundle());
			ClientHttpConnector connector = ClientHttpConnectorBuilder.reactor()
				.withHttpClientFactory(() -> HttpClient.create(connectionPool.connectionProvider()))
				.build(settings);
			WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder)
				.clientConnector(routed(connector, webSocketRestConnector.getIfAvailable(), properties));
			return AriClientFactory.create(builder, baseUri, connectionDetails.getUsername(),
					connectionDetails.getPassword(), connectionPool);
		}

		// Calls go over the events WebSocket only when ari.rest.transport asks for it.
		private static ClientHttpConnector routed(ClientHttpConnector http, @Nullable WebSocketRestConnector webSocket,
				AriProperties properties) {
			return (webSocket != null)
					? new RestTransportRoutingConnector(http, webSocket, properties.getRest().getTransport()) : http;
		}

	}

}
