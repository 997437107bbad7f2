package io.github.arispring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.listener.AriEventSource;

/**
 * Auto-configuration of ARI: the REST clients (one bean per resource interface, blocking and
 * reactive, the {@code AriClient} facades, and the factory behind them, built on Spring
 * Boot's {@link WebClient.Builder} so that REST calls appear in {@code http.client.requests}),
 * the bounded pool of their HTTP connections ({@code ari.http.*}), and the events WebSocket
 * with {@code @StasisEventHandler} dispatch. Fails at start-up, with a failure analysis, when
 * the URL or the credentials are missing.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(AriProperties.class)
@Import({ AriClientsConfiguration.class, AriListenerConfiguration.class, AriCallConfiguration.class })
public final class AriAutoConfiguration {

	/** The name of the REST clients' connection pool, as Reactor Netty's logs show it. */
	static final String POOL_NAME = AriServerBuilder.poolName(AriEventSource.DEFAULT_NAME);

	@Bean
	@ConditionalOnMissingBean(AriConnectionDetails.class)
	PropertiesAriConnectionDetails ariConnectionDetails(AriProperties properties, ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesAriConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	AriConnectionPool ariConnectionPool(AriProperties properties,
			ObjectProvider<AriConnectionPoolBuilderCustomizer> customizers) {
		return AriServerBuilder.connectionPool(AriEventSource.DEFAULT_NAME, properties.getHttp(),
				customizers.orderedStream());
	}

	@Bean
	@ConditionalOnMissingBean
	AriClientFactory ariClientFactory(AriConnectionDetails connectionDetails, AriProperties properties,
			AriConnectionPool connectionPool, ObjectProvider<WebClient.Builder> webClientBuilder) {
		return AriServerBuilder.clientFactory(connectionDetails, properties.getConnectTimeout(),
				properties.getResponseTimeout(), connectionPool, webClientBuilder.getIfAvailable(WebClient::builder));
	}

}
