package io.github.arispring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.client.websocket.WebSocketRestConnector;

/**
 * Auto-configuration of ARI: the REST clients (one bean per resource interface, blocking and
 * reactive, the {@code AriClient} facades, and the factory behind them, whose calls go straight
 * to the connector and are observed in {@code http.client.requests} with the application's
 * {@code ObservationRegistry}; its {@code webClient()} comes from Spring Boot's
 * {@link WebClient.Builder}),
 * the bounded pool of their HTTP connections ({@code ari.http.*}), and the events WebSocket
 * with {@code @StasisEventHandler} dispatch; REST calls go over HTTP or, with
 * {@code ari.rest.transport}, over the events WebSocket. Fails at start-up, with a failure
 * analysis, when the URL or the credentials are missing. Further servers
 * ({@code ari.servers.*}) get the same pieces each, built from properties; {@code AriServers}
 * finds them by name.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(AriProperties.class)
@Import({ AriAutoConfiguration.DefaultServerClientsConfiguration.class, AriListenerConfiguration.class,
		AriCallConfiguration.class, AriRestTransportConfiguration.class, AriBroadcastConfiguration.class,
		AriServersConfiguration.class })
public final class AriAutoConfiguration {

	/** The name of the REST clients' connection pool, as Reactor Netty's logs show it. */
	static final String POOL_NAME = AriServerBuilder.poolName(AriEventSource.DEFAULT_NAME);

	@Bean
	@Conditional(AriDefaultServerCondition.class)
	@ConditionalOnMissingBean(AriConnectionDetails.class)
	PropertiesAriConnectionDetails ariConnectionDetails(AriProperties properties, ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesAriConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean
	@Conditional(AriDefaultServerCondition.class)
	@ConditionalOnMissingBean
	AriConnectionPool ariConnectionPool(AriProperties properties,
			ObjectProvider<AriConnectionPoolBuilderCustomizer> customizers) {
		return AriServerBuilder.connectionPool(AriEventSource.DEFAULT_NAME, properties.getHttp(),
				customizers.orderedStream());
	}

	@Bean
	@Conditional(AriDefaultServerCondition.class)
	@ConditionalOnMissingBean
	AriClientFactory ariClientFactory(AriConnectionDetails connectionDetails, AriProperties properties,
			AriConnectionPool connectionPool, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ClientRequestObservationConvention> observationConvention,
			ObjectProvider<WebSocketRestConnector> webSocketRestConnector, Environment environment) {
		return AriServerBuilder.clientFactory(connectionDetails, properties.getConnectTimeout(),
				properties.getResponseTimeout(), connectionPool,
				AriHttpObservations.of(webClientBuilder, observationRegistry, observationConvention, environment),
				webSocketRestConnector.getIfAvailable(), properties.getRest().getTransport());
	}

	/**
	 * The default server's resource clients, when there is a default server.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(AriDefaultServerCondition.class)
	@Import(AriClientsConfiguration.class)
	static class DefaultServerClientsConfiguration {

	}

}
