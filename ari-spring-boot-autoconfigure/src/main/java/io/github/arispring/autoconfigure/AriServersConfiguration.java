package io.github.arispring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.listener.AriConnectionState;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventHandler;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.server.AriServer;
import io.github.arispring.server.AriServers;

/**
 * Several Asterisk servers: the named ones of {@code ari.servers.*}, built from properties
 * (no bean to declare per server), and {@link AriServers}, which finds any server's clients
 * by name or {@code asterisk_id}, the default server ({@code ari.url}) first.
 */
@Configuration(proxyBeanMethods = false)
class AriServersConfiguration {

	@Bean
	AriNamedServers ariNamedServers(AriProperties properties, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<AriConnectionPoolBuilderCustomizer> customizers,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ClientRequestObservationConvention> observationConvention, AriEventDispatcher dispatcher,
			ObjectProvider<AriListenerMetrics> metrics, Environment environment) {
		return new AriNamedServers(properties, sslBundles.getIfAvailable(), customizers.orderedStream(),
				AriHttpObservations.of(webClientBuilder, observationRegistry, observationConvention, environment),
				dispatcher, metrics.getIfAvailable(() -> AriListenerMetrics.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	AriServers ariServers(AriNamedServers namedServers, AriEventDispatcher dispatcher, ListableBeanFactory beanFactory,
			ObjectProvider<AriEventListenerContainer> defaultContainer, ObjectProvider<AriConnectionPool> defaultPool) {
		List<AriServer> servers = new ArrayList<>();
		if (beanFactory.getBeanNamesForType(AriClient.class, true, false).length > 0) {
			AriEventListenerContainer container = defaultContainer.getIfUnique();
			AriConnectionState state = (container != null) ? container
					: beanFactory.getBeanProvider(AriConnectionState.class).getIfUnique();
			servers.add(new AriServer(dispatcher.getDefaultSource(), state, defaultPool.getIfUnique()));
		}
		servers.addAll(namedServers.servers());
		return new AriServers(servers);
	}

	@Bean
	AriEventHandler ariAsteriskIdTracker(AriServers servers) {
		return servers.asteriskIdTracker();
	}

}
