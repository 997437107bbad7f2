package io.github.arispring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.client.websocket.RestTransport;
import io.github.arispring.client.websocket.RestTransportRoutingConnector;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.listener.AriWebSocketClient;

/**
 * Builds one Asterisk server's pieces (connection pool, client factory, events listener) from
 * its settings: the default server's bean methods and the named servers
 * ({@code ari.servers.*}) share it.
 */
final class AriServerBuilder {

	private AriServerBuilder() {
	}

	/**
	 * The name of a server's connection pool, as Reactor Netty's logs show it.
	 * @param server the server's name
	 * @return the pool's name
	 */
	static String poolName(String server) {
		return "ari-" + server;
	}

	static AriConnectionPool connectionPool(String server, AriProperties.Http http,
			Stream<AriConnectionPoolBuilderCustomizer> customizers) {
		AriConnectionPool.Builder builder = AriConnectionPool.builder(poolName(server))
			.maxConnections(http.getMaxConnections())
			.maxPending(http.getMaxPending())
			.pendingAcquireTimeout(http.getPendingAcquireTimeout())
			.maxIdleTime(http.getMaxIdleTime())
			.evictionInterval(http.getEvictionInterval());
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	static AriClientFactory clientFactory(AriConnectionDetails connectionDetails, Duration connectTimeout,
			Duration responseTimeout, AriConnectionPool connectionPool, AriHttpObservations http,
			@Nullable WebSocketRestConnector webSocketRestConnector, RestTransport transport) {
		String baseUri = connectionDetails.getBaseUri().toString();
		AriConfigurationValidator.validateCredentials(connectionDetails);
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(connectTimeout, responseTimeout)
			.withSslBundle(connectionDetails.getSslBundle());
		ClientHttpConnector connector = ClientHttpConnectorBuilder.reactor()
			.withHttpClientFactory(() -> HttpClient.create(connectionPool.connectionProvider()))
			.build(settings);
		// Calls go over the events WebSocket only when ari.rest.transport asks for it.
		AriClientFactory.Builder builder = AriClientFactory.builder(baseUri)
			.connector((webSocketRestConnector != null)
					? new RestTransportRoutingConnector(connector, webSocketRestConnector, transport) : connector)
			.credentials(connectionDetails.getUsername(), connectionDetails.getPassword())
			.connectionPool(connectionPool);
		return http.apply(builder).build();
	}

	/**
	 * The connector of REST calls over a server's events WebSocket, when its transport is
	 * not HTTP alone.
	 */
	static @Nullable WebSocketRestConnector webSocketRestConnector(AriConnectionDetails connectionDetails,
			RestTransport transport, Duration responseTimeout) {
		if (transport == RestTransport.HTTP) {
			return null;
		}
		WebSocketRestConnector connector = new WebSocketRestConnector(connectionDetails.getBaseUri(),
				"events WebSocket " + connectionDetails.getEventsUri(), responseTimeout);
		connector.setProbeOnConnect(true);
		return connector;
	}

	static AriEventListenerContainer listenerContainer(AriConnectionDetails connectionDetails, Listener settings,
			List<String> applications, AriEventDispatcher dispatcher, AriListenerMetrics metrics,
			@Nullable WebSocketRestConnector webSocketRestConnector) {
		// One long-lived socket: no pool to hold it, or a refused one, for reuse.
		HttpClient httpClient = HttpClient.newConnection()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
		SslBundle sslBundle = connectionDetails.getSslBundle();
		if (sslBundle != null) {
			SslManagerBundle managers = sslBundle.getManagers();
			httpClient = httpClient.secure((ssl) -> ssl.sslContext(Http11SslContextSpec.forClient()
				.configure((builder) -> builder.keyManager(managers.getKeyManagerFactory())
					.trustManager(managers.getTrustManagerFactory()))));
		}
		int maxFrame = (int) Math.min(Integer.MAX_VALUE, settings.maxFrameSize().toBytes());
		AriWebSocketClient client = new AriWebSocketClient(httpClient, maxFrame, settings.responseTimeout());
		AriEventListenerContainer container = new AriEventListenerContainer(client, connectionDetails.getEventsUri(),
				connectionDetails.getUsername(), connectionDetails.getPassword(), applications,
				settings.subscribeAll(), dispatcher);
		container.setMetrics(metrics);
		container.setAutoStartup(settings.autoStartup());
		container.setPing(settings.pingInterval(), settings.pingTimeout());
		AriProperties.Reconnect reconnect = settings.reconnect();
		container.setReconnect(reconnect.getInitialDelay(), reconnect.getMaxDelay(), reconnect.getMultiplier(),
				reconnect.getJitter());
		container.setShutdownTimeout(settings.shutdownTimeout());
		if (webSocketRestConnector != null) {
			container.setRestConnector(webSocketRestConnector);
		}
		return container;
	}

	/**
	 * The settings of one server's events listener.
	 */
	record Listener(boolean subscribeAll, Duration connectTimeout, Duration responseTimeout, boolean autoStartup,
			DataSize maxFrameSize, Duration pingInterval, Duration pingTimeout, AriProperties.Reconnect reconnect,
			Duration shutdownTimeout) {

		/** The settings of the server configured with {@code ari.url}. */
		static Listener of(AriProperties properties) {
			AriProperties.Listener listener = properties.getListener();
			return new Listener(properties.isSubscribeAll(), properties.getConnectTimeout(),
					properties.getResponseTimeout(), listener.isAutoStartup(), listener.getMaxFrameSize(),
					listener.getPingInterval(), listener.getPingTimeout(), listener.getReconnect(),
					listener.getShutdownTimeout());
		}

		/** The settings of a named server; the shutdown time-out is the shared dispatcher's. */
		static Listener of(AriProperties.Server server, AriProperties properties) {
			AriProperties.ServerListener listener = server.getListener();
			return new Listener(server.isSubscribeAll(), server.getConnectTimeout(), server.getResponseTimeout(),
					listener.isAutoStartup(), listener.getMaxFrameSize(), listener.getPingInterval(),
					listener.getPingTimeout(), listener.getReconnect(), properties.getListener().getShutdownTimeout());
		}

	}

}
