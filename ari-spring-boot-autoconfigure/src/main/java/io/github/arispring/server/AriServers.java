package io.github.arispring.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.listener.AriConnectedEvent;
import io.github.arispring.listener.AriEventHandler;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.model.SystemInfo;

/**
 * The Asterisk servers the application talks to, by name and by {@code asterisk_id}: for REST
 * calls made outside event handlers (inside them, the handler's {@code AriClient} parameter
 * already reaches the server that sent the event). A server's {@code asterisk_id} is learned
 * from {@code GET /asterisk/info} when its events WebSocket connects, and from the
 * {@code asterisk_id} of its events.
 */
public class AriServers implements ApplicationListener<AriConnectedEvent> {

	private static final Log logger = LogFactory.getLog(AriServers.class);

	private final Map<String, AriServer> byName;

	private final ConcurrentMap<String, AriServer> byAsteriskId = new ConcurrentHashMap<>();

	/**
	 * Creates the registry.
	 * @param servers the servers, in their configured order; names must be unique
	 */
	public AriServers(List<AriServer> servers) {
		Map<String, AriServer> byName = new LinkedHashMap<>();
		for (AriServer server : servers) {
			if (byName.putIfAbsent(server.name(), server) != null) {
				throw new IllegalArgumentException("Two ARI servers are named '" + server.name() + "'");
			}
		}
		this.byName = byName;
	}

	/**
	 * The servers, in their configured order, the default server ({@code ari.url}) first.
	 * @return the servers
	 */
	public List<AriServer> servers() {
		return List.copyOf(this.byName.values());
	}

	/**
	 * The server of the given name.
	 * @param name the name, such as {@value AriEventSource#DEFAULT_NAME} or {@code east}
	 * @return the server
	 * @throws IllegalArgumentException if no server has that name
	 */
	public AriServer server(String name) {
		AriServer server = this.byName.get(name);
		if (server == null) {
			throw new IllegalArgumentException(
					"No ARI server is named '" + name + "'; the servers are " + this.byName.keySet());
		}
		return server;
	}

	/**
	 * The blocking client of the server of the given name.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException if no server has that name
	 */
	public AriClient client(String name) {
		return server(name).client();
	}

	/**
	 * The reactive client of the server of the given name.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException if no server has that name
	 */
	public ReactiveAriClient reactiveClient(String name) {
		return server(name).reactiveClient();
	}

	/**
	 * The server whose {@code asterisk_id} is the given one, as learned so far.
	 * @param asteriskId the id, such as an event's {@code asterisk_id}
	 * @return the server, or empty if no server is known by that id (yet)
	 */
	public Optional<AriServer> findByAsteriskId(String asteriskId) {
		return Optional.ofNullable(this.byAsteriskId.get(asteriskId));
	}

	/**
	 * The blocking client of the server whose {@code asterisk_id} is the given one.
	 * @param asteriskId the id
	 * @return the client
	 * @throws IllegalArgumentException if no server is known by that id
	 */
	public AriClient clientByAsteriskId(String asteriskId) {
		return findByAsteriskId(asteriskId).orElseThrow(() -> new IllegalArgumentException("No ARI server is known "
				+ "with asterisk_id '" + asteriskId + "' (ids are learned when a server's events WebSocket connects); "
				+ "the servers are " + this.byName.values())).client();
	}

	/**
	 * Learns the {@code asterisk_id} of a server whose events WebSocket has connected, when
	 * there are several servers (with the default server alone, only its events tell it, so
	 * that a single-server application makes no request it did not ask for).
	 * @param event the connection event, whose source is the server's listener
	 */
	@Override
	public void onApplicationEvent(AriConnectedEvent event) {
		if (this.byName.size() == 1 && this.byName.containsKey(AriEventSource.DEFAULT_NAME)) {
			return;
		}
		for (AriServer server : this.byName.values()) {
			if (server.connectionState() == event.getSource()) {
				server.reactiveClient().asterisk().getInfo().subscribe((info) -> {
					SystemInfo system = info.system();
					if (system != null && system.entityId() != null) {
						learn(server, system.entityId());
					}
				}, (ex) -> logger.debug("Could not read the asterisk_id of ARI server '" + server.name() + "'", ex));
			}
		}
	}

	/**
	 * A handler that learns {@code asterisk_id}s from the events of each server; it is never
	 * invoked (it declines every event), so it costs a look-up per event. Ordered after every
	 * other handler.
	 * @return the handler, to register on the dispatcher (as a bean, handler discovery does)
	 */
	public AriEventHandler asteriskIdTracker() {
		return new AsteriskIdTracker();
	}

	synchronized void learn(AriServer server, String asteriskId) {
		if (!asteriskId.equals(server.asteriskId())) {
			server.asteriskId(asteriskId);
			AriServer previous = this.byAsteriskId.put(asteriskId, server);
			if (previous != null && previous != server) {
				logger.warn("ARI servers '" + previous.name() + "' and '" + server.name() + "' have the same asterisk_id "
						+ asteriskId + " (entity_id in asterisk.conf): look-ups by id now find '" + server.name() + "'");
			}
		}
	}

	private final class AsteriskIdTracker implements AriEventHandler, Ordered {

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

		@Override
		public String name() {
			return "AriServers.asteriskIdTracker";
		}

		@Override
		public boolean supportsEventType(Class<? extends AriEvent> eventType) {
			return true;
		}

		@Override
		public boolean supports(AriEvent event, AriEventSource source) {
			String asteriskId = event.asteriskId();
			if (asteriskId != null) {
				AriServer server = AriServers.this.byName.get(source.name());
				if (server != null && !asteriskId.equals(server.asteriskId())) {
					learn(server, asteriskId);
				}
			}
			return false;
		}

		@Override
		public @Nullable CompletionStage<?> handle(AriEvent event) {
			return null;
		}

	}

	@Override
	public String toString() {
		return "AriServers" + this.byName.values();
	}

}
