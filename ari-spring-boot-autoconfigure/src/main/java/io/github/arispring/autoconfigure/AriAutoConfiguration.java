package io.github.arispring.autoconfigure;

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
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClientFactory;

/**
 * Auto-configuration of ARI: the REST clients (one bean per resource interface, blocking and
 * reactive, the {@code AriClient} facades, and the factory behind them, built on Spring
 * Boot's {@link WebClient.Builder} so that REST calls appear in {@code http.client.requests}),
 * and the events WebSocket with {@code @StasisEventHandler} dispatch. Fails at start-up, with
 * a failure analysis, when the URL or the credentials are missing.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(AriProperties.class)
@Import(AriListenerConfiguration.class)
public final class AriAutoConfiguration {

	/**
	 * The connection to Asterisk's HTTP server, unless the application only accepts outbound
	 * connections ({@code ari.outbound.enabled} without {@code ari.url}).
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnAriServerCondition.class)
	@Import(AriClientsConfiguration.class)
	static class AriServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(AriConnectionDetails.class)
		PropertiesAriConnectionDetails ariConnectionDetails(AriProperties properties,
				ObjectProvider<SslBundles> sslBundles) {
			return new PropertiesAriConnectionDetails(properties, sslBundles.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		AriClientFactory ariClientFactory(AriConnectionDetails connectionDetails, AriProperties properties,
				ObjectProvider<WebClient.Builder> webClientBuilder) {
			String baseUri = connectionDetails.getBaseUri().toString();
			AriConfigurationValidator.validateCredentials(connectionDetails);
			HttpClientSettings settings = HttpClientSettings.defaults()
				.withTimeouts(properties.getConnectTimeout(), properties.getResponseTimeout())
				.withSslBundle(connectionDetails.getSslBundle());
			WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder)
				.clientConnector(ClientHttpConnectorBuilder.reactor().build(settings));
			return AriClientFactory.create(builder, baseUri, connectionDetails.getUsername(),
					connectionDetails.getPassword());
		}

	}

}
