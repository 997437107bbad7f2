package io.github.arispring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.client.websocket.RestTransport;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.listener.AriListenerMetrics;
import io.github.arispring.server.AriServer;

/**
 * The servers configured under {@code ari.servers.<name>}: each one's pool, clients and
 * events listener, built with the same {@link AriServerBuilder} as the default server's
 * beans. Starts and stops their listeners with the application context and closes their
 * pools with it. Every listener hands its events to the one shared dispatcher, with a source
 * named after its server.
 */
class AriNamedServers implements SmartLifecycle, DisposableBean, ApplicationEventPublisherAware {

	static final String PREFIX = "ari.servers.";

	private final List<AriServer> servers = new ArrayList<>();

	private final List<AriEventListenerContainer> containers = new ArrayList<>();

	private final List<AriConnectionPool> pools = new ArrayList<>();

	private volatile boolean running;

	AriNamedServers(AriProperties properties, @Nullable SslBundles sslBundles,
			Stream<AriConnectionPoolBuilderCustomizer> customizers, AriHttpObservations http,
			AriEventDispatcher dispatcher, AriListenerMetrics metrics) {
		List<AriConnectionPoolBuilderCustomizer> poolCustomizers = customizers.toList();
		try {
			for (Map.Entry<String, AriProperties.Server> entry : properties.getServers().entrySet()) {
				add(entry.getKey(), entry.getValue(), properties, sslBundles, poolCustomizers, http,
						dispatcher, metrics);
			}
		}
		catch (RuntimeException ex) {
			destroy();
			throw ex;
		}
	}

	private void add(String name, AriProperties.Server server, AriProperties properties,
			@Nullable SslBundles sslBundles, List<AriConnectionPoolBuilderCustomizer> customizers,
			AriHttpObservations http, AriEventDispatcher dispatcher, AriListenerMetrics metrics) {
		if (AriEventSource.DEFAULT_NAME.equals(name)) {
			throw new IllegalStateException(PREFIX + AriEventSource.DEFAULT_NAME + " is not allowed: the server named '"
					+ AriEventSource.DEFAULT_NAME + "' is the one configured with ari.url; give this server another name");
		}
		NamedServerConnectionDetails connectionDetails = new NamedServerConnectionDetails(name, server, sslBundles);
		List<String> applications = connectionDetails.validate();
		AriConnectionPool pool = AriServerBuilder.connectionPool(name, server.getHttp(), customizers.stream());
		this.pools.add(pool);
		// REST over this server's own events WebSocket, when its transport asks for it.
		RestTransport transport = server.getRest().getTransport();
		WebSocketRestConnector restConnector = AriServerBuilder.webSocketRestConnector(connectionDetails, transport,
				server.getResponseTimeout());
		AriClientFactory clientFactory = AriServerBuilder.clientFactory(connectionDetails, server.getConnectTimeout(),
				server.getResponseTimeout(), pool, http, restConnector, transport);
		AriClient client = AriClient.create(clientFactory);
		ReactiveAriClient reactiveClient = ReactiveAriClient.create(clientFactory);
		AriEventSource source = AriEventSource.of(name, () -> client, () -> reactiveClient);
		AriEventListenerContainer container = AriServerBuilder.listenerContainer(connectionDetails,
				AriServerBuilder.Listener.of(server, properties), applications, dispatcher, metrics.forServer(name),
				restConnector);
		container.setEventSource(source);
		this.containers.add(container);
		this.servers.add(new AriServer(source, container, pool));
	}

	/**
	 * The named servers, in their configured order.
	 * @return the servers
	 */
	List<AriServer> servers() {
		return this.servers;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.containers.forEach((container) -> container.setApplicationEventPublisher(publisher));
	}

	@Override
	public void start() {
		for (AriEventListenerContainer container : this.containers) {
			if (container.isAutoStartup()) {
				container.start();
			}
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.containers.forEach(AriEventListenerContainer::stop);
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		if (this.containers.isEmpty()) {
			callback.run();
			return;
		}
		AtomicInteger remaining = new AtomicInteger(this.containers.size());
		for (AriEventListenerContainer container : this.containers) {
			container.stop(() -> {
				if (remaining.decrementAndGet() == 0) {
					callback.run();
				}
			});
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		for (AriConnectionPool pool : this.pools) {
			pool.close();
		}
	}

}
