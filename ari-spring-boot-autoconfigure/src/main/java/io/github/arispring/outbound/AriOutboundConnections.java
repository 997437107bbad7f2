package io.github.arispring.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.github.arispring.listener.AriEventDispatcher;

/**
 * The open outbound connections, to reach a connection's clients outside handlers (per
 * application for persistent connections, per channel for per-call ones), and their
 * lifecycle. Stopping (a phase before the web server's graceful shutdown) refuses new
 * connections with {@code 503} first, so that a load balancer sends new calls to other
 * instances, lets per-call connections end as their calls end within the shutdown time-out,
 * then closes what is left and waits for the handlers.
 */
public class AriOutboundConnections implements SmartLifecycle {

	/** The lifecycle phase: stops before the web server's graceful shutdown. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(AriOutboundConnections.class);

	private final Map<String, AriOutboundConnection> connections = new ConcurrentHashMap<>();

	private final Map<String, AriOutboundConnection> byChannel = new ConcurrentHashMap<>();

	private final Map<String, Instant> lostSince = new ConcurrentHashMap<>();

	private final List<String> persistentApplications;

	private final AriEventDispatcher dispatcher;

	private final AtomicLong ids = new AtomicLong();

	private final Instant startedAt = Instant.now();

	private volatile Duration shutdownTimeout = Duration.ofSeconds(25);

	private volatile boolean accepting;

	private volatile boolean running;

	/**
	 * Creates the registry.
	 * @param persistentApplications the applications Asterisk connects persistently, whose
	 * connection state health reports
	 * @param dispatcher the dispatcher the connections' events go to
	 */
	public AriOutboundConnections(List<String> persistentApplications, AriEventDispatcher dispatcher) {
		this.persistentApplications = List.copyOf(persistentApplications);
		this.dispatcher = dispatcher;
	}

	/**
	 * Sets how long stopping waits for per-call connections and handlers to finish.
	 * @param shutdownTimeout the time-out
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * The open connections.
	 * @return a snapshot
	 */
	public Collection<AriOutboundConnection> getConnections() {
		return List.copyOf(this.connections.values());
	}

	/**
	 * Number of open connections.
	 * @return the count
	 */
	public int getActiveCount() {
		return this.connections.size();
	}

	/**
	 * The open connection that carries an application's events: a persistent connection
	 * registered for it (the most recent if several).
	 * @param application the application, as configured
	 * @return the connection, if one is open
	 */
	public Optional<AriOutboundConnection> forApplication(String application) {
		AriOutboundConnection found = null;
		for (AriOutboundConnection connection : this.connections.values()) {
			if (connection.applications().contains(application)
					&& (found == null || connection.openedAt().isAfter(found.openedAt()))) {
				found = connection;
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * The per-call connection of a channel.
	 * @param channel the channel's name (as in the per-call application name) or id
	 * @return the connection, if it is open
	 */
	public Optional<AriOutboundConnection> forChannel(String channel) {
		return Optional.ofNullable(this.byChannel.get(channel));
	}

	/**
	 * The applications Asterisk is expected to connect persistently.
	 * @return the names
	 */
	public List<String> getPersistentApplications() {
		return this.persistentApplications;
	}

	/**
	 * Since when a persistent application has had no open connection.
	 * @param application the application
	 * @return when it lost its connection (or when this registry started, if it never had
	 * one), or {@code null} while it is connected
	 */
	public @Nullable Instant getDisconnectedSince(String application) {
		if (forApplication(application).isPresent()) {
			return null;
		}
		return this.lostSince.getOrDefault(application, this.startedAt);
	}

	/**
	 * The connection state of each persistent application, for health.
	 * @return application name to time without connection ({@code null} if connected)
	 */
	public Map<String, @Nullable Instant> getPersistentState() {
		Map<String, @Nullable Instant> state = new LinkedHashMap<>();
		for (String application : this.persistentApplications) {
			state.put(application, getDisconnectedSince(application));
		}
		return state;
	}

	/**
	 * Whether new connections are accepted (running and not stopping).
	 * @return {@code true} if they are
	 */
	public boolean isAccepting() {
		return this.accepting;
	}

	String nextId() {
		return Long.toString(this.ids.incrementAndGet());
	}

	void opened(AriOutboundConnection connection) {
		this.connections.put(connection.id(), connection);
	}

	void identified(AriOutboundConnection connection) {
		String channel = connection.channelName();
		if (channel != null) {
			this.byChannel.put(channel, connection);
		}
		else if (logger.isInfoEnabled()) {
			logger.info("Asterisk connected application '" + connection.application() + "' (outbound connection "
					+ connection.id() + " from " + connection.remoteAddress() + ")");
		}
	}

	void channelIdentified(AriOutboundConnection connection, String channelId) {
		this.byChannel.put(channelId, connection);
	}

	void closed(AriOutboundConnection connection, AriOutboundConnection.CloseReason reason) {
		Collection<String> applications = connection.applications();
		connection.closed();
		this.connections.remove(connection.id());
		String channel = connection.channelName();
		if (channel != null) {
			this.byChannel.remove(channel, connection);
		}
		String channelId = connection.channelId();
		if (channelId != null) {
			this.byChannel.remove(channelId, connection);
		}
		if (!connection.isPerCall() && connection.application() != null) {
			Instant now = Instant.now();
			for (String application : applications) {
				this.lostSince.put(application, now);
			}
			this.lostSince.putIfAbsent(connection.application(), now);
			logger.info("Outbound connection " + connection.id() + " of application '" + connection.application()
					+ "' closed (" + reason.tag() + ")");
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.accepting = true;
	}

	@Override
	public void stop() {
		this.accepting = false;
		drain();
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		this.accepting = false;
		Thread stopper = new Thread(() -> {
			try {
				drain();
			}
			finally {
				this.running = false;
				callback.run();
			}
		}, "ari-outbound-stop");
		stopper.setDaemon(true);
		stopper.start();
	}

	private void drain() {
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		int perCall = countPerCall();
		if (perCall > 0) {
			logger.info("Refusing new outbound ARI connections; waiting up to " + this.shutdownTimeout.toMillis()
					+ " ms for " + perCall + " calls in progress to end");
		}
		try {
			while (countPerCall() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			List<AriOutboundConnection> remaining = new ArrayList<>(this.connections.values());
			long leftPerCall = remaining.stream().filter(AriOutboundConnection::isPerCall).count();
			if (leftPerCall > 0) {
				logger.warn(leftPerCall + " outbound per-call connections still open after the shutdown time-out of "
						+ this.shutdownTimeout.toMillis() + " ms (ari.outbound.shutdown-timeout); closing them");
			}
			for (AriOutboundConnection connection : remaining) {
				connection.close(AriOutboundConnection.CloseReason.SHUTDOWN).subscribe(null, (ex) -> {
				});
			}
			long left = Math.max(0, deadline - System.nanoTime());
			if (!this.dispatcher.awaitIdle(Duration.ofNanos(Math.max(left, Duration.ofSeconds(1).toNanos())))) {
				logger.warn("ARI event handlers did not finish within the shutdown time-out ("
						+ this.dispatcher.getPendingCount() + " events pending); stopping anyway");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private int countPerCall() {
		int count = 0;
		for (AriOutboundConnection connection : this.connections.values()) {
			if (connection.isPerCall() || connection.application() == null) {
				count++;
			}
		}
		return count;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
