package io.github.arispring.listener;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;

import io.github.arispring.client.websocket.WebSocketFrameQueue;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.event.ApplicationReplaced;

/**
 * Owns the events WebSocket: connects at start, reconnects forever with exponential backoff
 * and jitter, pings to find a dead socket, decodes each frame and hands it to the
 * {@link AriEventDispatcher} without ever waiting for a handler. Stopping closes the socket
 * and lets in-flight handlers finish within the shutdown time-out; it can be started again.
 */
public class AriEventListenerContainer implements SmartLifecycle, AriConnectionState, ApplicationEventPublisherAware {

	private static final Log logger = LogFactory.getLog(AriEventListenerContainer.class);

	private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

	private static final String APPLICATION_REPLACED = "ApplicationReplaced";

	private static final String REST_RESPONSE = "RESTResponse";

	private final WebSocketClient client;

	private final URI eventsUri;

	private final @Nullable String username;

	private final @Nullable String password;

	private final List<String> applications;

	private final boolean subscribeAll;

	private final AriEventDispatcher dispatcher;

	private final AriEventReader reader = new AriEventReader();

	private volatile AriListenerMetrics metrics = AriListenerMetrics.NONE;

	private volatile @Nullable WebSocketRestConnector restConnector;

	private volatile @Nullable AriEventSource eventSource;

	private @Nullable ApplicationEventPublisher publisher;

	private boolean autoStartup = true;

	private Duration pingInterval = Duration.ofSeconds(10);

	private Duration pingTimeout = Duration.ofSeconds(5);

	private Duration initialDelay = Duration.ofMillis(500);

	private Duration maxDelay = Duration.ofSeconds(30);

	private double multiplier = 2.0;

	private double jitter = 0.5;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running;

	private volatile boolean connected;

	private volatile @Nullable String lastFailure;

	private int failedAttempts;

	private boolean everConnected;

	private @Nullable Connection connection;

	private @Nullable Disposable pendingReconnect;

	private @Nullable Thread keepAlive;

	/**
	 * Creates a container.
	 * @param client the WebSocket client
	 * @param eventsUri the events URL without query, such as {@code ws://pbx:8088/ari/events}
	 * @param username the ARI user, or {@code null}
	 * @param password the password, or {@code null}
	 * @param applications the Stasis applications to register
	 * @param subscribeAll whether to subscribe to all events
	 * @param dispatcher hands events to handlers
	 */
	public AriEventListenerContainer(WebSocketClient client, URI eventsUri, @Nullable String username,
			@Nullable String password, List<String> applications, boolean subscribeAll, AriEventDispatcher dispatcher) {
		this.client = client;
		this.eventsUri = eventsUri;
		this.username = username;
		this.password = password;
		this.applications = List.copyOf(applications);
		this.subscribeAll = subscribeAll;
		this.dispatcher = dispatcher;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	public void setMetrics(AriListenerMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Sets the connector that sends REST calls over this socket: it learns when the socket
	 * opens and closes, and receives its {@code RESTResponse} frames, which then do not reach
	 * handlers.
	 * @param restConnector the connector, or {@code null} for none
	 */
	public void setRestConnector(@Nullable WebSocketRestConnector restConnector) {
		this.restConnector = restConnector;
	}

	/**
	 * The connector that sends REST calls over this socket.
	 * @return the connector, or {@code null} if REST calls do not use this socket
	 */
	public @Nullable WebSocketRestConnector getRestConnector() {
		return this.restConnector;
	}

	/**
	 * Sets the source that this connection's events carry: the server they come from and its
	 * clients. By default, the dispatcher's default source.
	 * @param eventSource the source
	 */
	public void setEventSource(AriEventSource eventSource) {
		this.eventSource = eventSource;
	}

	/**
	 * The source that this connection's events carry.
	 * @return the source
	 */
	public AriEventSource getEventSource() {
		AriEventSource source = this.eventSource;
		return (source != null) ? source : this.dispatcher.getDefaultSource();
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public void setPing(Duration interval, Duration timeout) {
		this.pingInterval = interval;
		this.pingTimeout = timeout;
	}

	public void setReconnect(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {
		this.initialDelay = initialDelay;
		this.maxDelay = maxDelay;
		this.multiplier = Math.max(1.0, multiplier);
		this.jitter = Math.min(1.0, Math.max(0.0, jitter));
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * The dispatcher that receives the decoded events.
	 * @return the dispatcher
	 */
	public AriEventDispatcher getDispatcher() {
		return this.dispatcher;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			if (this.applications.isEmpty()) {
				throw new MissingAriApplicationsException();
			}
			this.running = true;
			this.failedAttempts = 0;
			keepAlive();
			// After a restart the previous connection may still be closing: the next one
			// opens when it has ended, so that Asterisk sees one socket at a time.
			if (this.connection == null) {
				connect();
			}
		}
	}

	/**
	 * Netty's threads are daemons: without a web server nothing else would keep the JVM of a
	 * Stasis application alive, so one non-daemon thread waits while the listener runs.
	 */
	private void keepAlive() {
		Thread keepAlive = new Thread(() -> {
			synchronized (this.lifecycleMonitor) {
				while (this.running && this.keepAlive == Thread.currentThread()) {
					try {
						this.lifecycleMonitor.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}, "ari-listener-keep-alive");
		keepAlive.setDaemon(false);
		this.keepAlive = keepAlive;
		this.lifecycleMonitor.notifyAll();
		keepAlive.start();
	}

	@Override
	public void stop() {
		stopConnection();
		awaitHandlers();
	}

	@Override
	public void stop(Runnable callback) {
		stopConnection();
		Thread stopper = new Thread(() -> {
			try {
				awaitHandlers();
			}
			finally {
				callback.run();
			}
		}, "ari-listener-stop");
		stopper.setDaemon(true);
		stopper.start();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isConnected() {
		return this.connected;
	}

	@Override
	public @Nullable String getLastFailure() {
		return this.lastFailure;
	}

	@Override
	public List<String> getApplications() {
		return this.applications;
	}

	/**
	 * The events URL with its query, as connected: no credentials.
	 * @return the URL
	 */
	public URI getConnectUri() {
		String apps = this.applications.stream()
			.map((app) -> URLEncoder.encode(app, StandardCharsets.UTF_8))
			.collect(Collectors.joining(","));
		return URI.create(this.eventsUri + "?app=" + apps + (this.subscribeAll ? "&subscribeAll=true" : ""));
	}

	/**
	 * Closes the WebSocket and connects again at once, which registers the applications anew.
	 * Asterisk unregisters an application when the client that took it over goes away, even
	 * though this connection is still open; only a new connection registers it again. The other
	 * applications of this connection are registered again too, after a gap of a few
	 * milliseconds.
	 * @param reason why, for the log
	 */
	public void reconnect(String reason) {
		synchronized (this.lifecycleMonitor) {
			Connection connection = this.connection;
			WebSocketSession session = (connection != null) ? connection.session : null;
			if (!this.running || session == null || connection.closing || connection.ended) {
				// Not connected: the next connection registers every application anyway.
				return;
			}
			connection.reconnectReason = reason;
			session.close(CloseStatus.NORMAL).subscribe(null, (ex) -> { });
		}
	}

	private void stopConnection() {
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.lifecycleMonitor.notifyAll();
			if (this.pendingReconnect != null) {
				this.pendingReconnect.dispose();
			}
			Connection connection = this.connection;
			if (connection == null || connection.closing) {
				return;
			}
			connection.closing = true;
			WebSocketSession session = connection.session;
			if (session != null) {
				// Closing ends the session, which completes the connection.
				session.close(CloseStatus.GOING_AWAY).subscribe(null, (ex) -> { });
			}
			// An attempt in progress ends when it is answered (a session is closed at once),
			// so that the next one never overlaps it; whatever has not ended shortly after is
			// cut off.
			Mono.delay(CLOSE_GRACE).subscribe((tick) -> cutOff(connection));
		}
	}

	private void cutOff(Connection connection) {
		synchronized (this.lifecycleMonitor) {
			if (connection.ended) {
				return;
			}
			// Cancelling signals nothing to the subscriber: end the connection here.
			Disposable subscription = connection.subscription;
			if (subscription != null) {
				subscription.dispose();
			}
			ended(connection, "stopped");
		}
	}

	private void awaitHandlers() {
		try {
			if (!this.dispatcher.awaitIdle(this.shutdownTimeout)) {
				logger.warn("ARI event handlers did not finish within " + this.shutdownTimeout + " ("
						+ this.dispatcher.getPendingCount() + " events pending); stopping anyway");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void connect() {
		HttpHeaders headers = new HttpHeaders();
		if (this.username != null && !this.username.isEmpty()) {
			headers.setBasicAuth(this.username, (this.password != null) ? this.password : "");
		}
		URI uri = getConnectUri();
		if (logger.isDebugEnabled()) {
			logger.debug("Connecting to ARI events at " + uri);
		}
		Connection connection = new Connection();
		this.connection = connection;
		connection.subscription = this.client.execute(uri, headers, (session) -> handle(connection, session))
			.subscribe(null, (ex) -> ended(connection, describe(ex)), () -> ended(connection, "closed by Asterisk"));
	}

	private Mono<Void> handle(Connection connection, WebSocketSession session) {
		boolean reconnect;
		synchronized (this.lifecycleMonitor) {
			if (connection != this.connection || connection.closing || connection.ended) {
				// stopped while the upgrade was in progress
				return session.close(CloseStatus.GOING_AWAY);
			}
			connection.session = session;
			connection.lastSeen = System.nanoTime();
			reconnect = this.everConnected;
			this.everConnected = true;
			this.failedAttempts = 0;
			this.connected = true;
			this.lastFailure = null;
			this.metrics.connectionChanged(true);
		}
		logger.info("Connected to ARI events at " + getConnectUri() + (reconnect ? " (reconnected)" : ""));
		publish(new AriConnectedEvent(this, this.eventsUri, this.applications, reconnect, getEventSource()));
		Mono<Void> input = session.receive().doOnNext((message) -> {
			connection.lastSeen = System.nanoTime();
			onMessage(message);
		}).then();
		Flux<WebSocketMessage> outbound = Flux.interval(this.pingInterval, this.pingInterval).map((tick) -> {
			checkAlive(connection);
			return session.pingMessage((factory) -> factory.wrap(new byte[] { 'a', 'r', 'i' }));
		});
		WebSocketRestConnector rest = this.restConnector;
		if (rest != null) {
			WebSocketFrameQueue frames = new WebSocketFrameQueue();
			outbound = Flux.merge(outbound, frames.frames().map(session::textMessage));
			connection.restAttached.set(true);
			rest.connected(frames);
		}
		Mono<Void> pings = session.send(outbound);
		return Mono.firstWithSignal(input, pings);
	}

	private void checkAlive(Connection connection) {
		long silence = System.nanoTime() - connection.lastSeen;
		if (silence > this.pingInterval.plus(this.pingTimeout).toNanos()) {
			throw new DeadSocketException("no frame and no answer to ping for " + Duration.ofNanos(silence).toMillis()
					+ " ms (ari.listener.ping-interval " + this.pingInterval + " + ping-timeout " + this.pingTimeout + ")");
		}
	}

	private void onMessage(WebSocketMessage message) {
		AriEventReader.Frame taken = this.reader.take(message, this.metrics, null);
		if (taken == null) {
			return;
		}
		byte[] frame = taken.bytes();
		AriEventReader.FrameHeader header = taken.header();
		WebSocketRestConnector rest = this.restConnector;
		if (rest != null && REST_RESPONSE.equals(header.type())) {
			rest.onFrame(frame);
			return;
		}
		AriEventReader.countEvent(header, this.metrics);
		if (APPLICATION_REPLACED.equals(header.type())) {
			applicationReplaced(frame);
		}
		this.dispatcher.dispatch(header, frame, this.reader, getEventSource());
	}

	private void applicationReplaced(byte[] frame) {
		try {
			ApplicationReplaced replaced = (ApplicationReplaced) this.reader.read(frame);
			logger.error("Stasis application '" + replaced.application() + "' was taken over by another client: "
					+ "Asterisk now sends its events elsewhere and this connection receives none for it. "
					+ "Check for a second instance or another tool using the same application name");
			publish(new AriApplicationReplacedEvent(this, replaced));
		}
		catch (AriEventReader.MalformedFrameException ex) {
			// counted and logged when the dispatcher binds it
		}
	}

	/**
	 * A connection attempt failed or a session ended. Only the current connection changes the
	 * listener's state; once it has ended, the next one may open.
	 */
	private void ended(Connection connection, String reason) {
		WebSocketRestConnector rest = this.restConnector;
		if (rest != null && connection.restAttached.compareAndSet(true, false)) {
			rest.disconnected(reason);
		}
		synchronized (this.lifecycleMonitor) {
			if (connection.ended) {
				return;
			}
			connection.ended = true;
			if (connection != this.connection) {
				return;
			}
			this.connection = null;
			boolean wasConnected = connection.session != null;
			String cause = connection.closing ? "stopped"
					: (connection.reconnectReason != null) ? connection.reconnectReason : reason;
			this.lastFailure = cause;
			if (wasConnected) {
				this.connected = false;
				this.metrics.connectionChanged(false);
				publish(new AriDisconnectedEvent(this, cause, connection.closing || !this.running, getEventSource().name()));
			}
			if (!this.running) {
				return;
			}
			if (connection.closing) {
				// started again while it was closing
				connect();
				return;
			}
			if (connection.reconnectReason != null && wasConnected) {
				logger.info("Reconnecting to ARI events at " + getConnectUri() + ": " + connection.reconnectReason);
				connect();
				return;
			}
			Duration delay = nextDelay(this.failedAttempts++);
			String message = (wasConnected ? "ARI events WebSocket " + getConnectUri() + " lost: "
					: "Cannot connect to ARI events at " + getConnectUri() + ": ") + reason + "; reconnecting in "
					+ delay.toMillis() + " ms";
			if (reason.contains("401") || reason.contains("403")) {
				logger.error(message);
			}
			else {
				logger.warn(message);
			}
			this.metrics.reconnectAttempted();
			this.pendingReconnect = Mono.delay(delay).subscribe((tick) -> {
				synchronized (this.lifecycleMonitor) {
					if (this.running && this.connection == null) {
						connect();
					}
				}
			});
		}
	}

	/**
	 * The delay before a reconnection attempt: exponential in the number of failed attempts,
	 * capped, with a random part so that many clients do not reconnect in step.
	 * @param attempt the number of attempts that failed in a row
	 * @return the delay
	 */
	Duration nextDelay(int attempt) {
		double base = this.initialDelay.toMillis() * Math.pow(this.multiplier, Math.min(attempt, 30));
		double capped = Math.min(base, this.maxDelay.toMillis());
		double randomised = capped * (1.0 - this.jitter * ThreadLocalRandom.current().nextDouble());
		return Duration.ofMillis(Math.max(1, Math.round(randomised)));
	}

	private String describe(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof WebSocketUpgradeException upgrade) {
				return describeUpgrade(upgrade.getStatus(), upgrade.getMessage());
			}
			if (t instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
				int status = handshake.response().status().code();
				return describeUpgrade(status, WebSocketUpgradeException
					.refused(status, handshake.response().status().reasonPhrase(),
							(status == 101) ? handshake.getMessage() : null)
					.getMessage());
			}
			if (t instanceof java.net.ConnectException) {
				return "connection refused: check ari.url and that Asterisk's HTTP server (http.conf) is running";
			}
			if (t instanceof javax.net.ssl.SSLHandshakeException) {
				return "TLS handshake failed (" + t.getMessage() + "): if Asterisk's certificate is not signed by a CA "
						+ "the JVM trusts, set ari.ssl.bundle to an SSL bundle whose trust store holds it";
			}
			if (t instanceof TimeoutException || t instanceof DeadSocketException) {
				return t.getMessage();
			}
		}
		String message = error.getMessage();
		return error.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private String describeUpgrade(int status, String answer) {
		return switch (status) {
			case 0 -> answer + ": check that ari.url is Asterisk's HTTP server (http.conf)";
			case 101 -> "the server answered " + answer + ": check that ari.url is Asterisk's HTTP server (http.conf) "
					+ "and that no proxy in between drops WebSocket headers";
			case 401, 403 -> "Asterisk answered " + answer + " for user '" + this.username
					+ "': check ari.username and ari.password against ari.conf"
					+ ((status == 403) ? " (and that the user may read events)" : "");
			case 400 -> "Asterisk answered " + answer + " to the WebSocket upgrade: check ari.applications";
			case 404 -> "Asterisk answered " + answer
					+ " to the WebSocket upgrade: check ari.url and that ARI is enabled (ari.conf enabled = yes)";
			default -> "Asterisk answered " + answer + " to the WebSocket upgrade";
		};
	}

	private void publish(Object event) {
		ApplicationEventPublisher publisher = this.publisher;
		if (publisher != null) {
			this.dispatcher.runControl(() -> publisher.publishEvent(event));
		}
	}

	/**
	 * One connection: the attempt and, once the upgrade is answered, its session. Its
	 * callbacks change the listener's state only while it is the current connection.
	 */
	private static final class Connection {

		private @Nullable Disposable subscription;

		private volatile @Nullable WebSocketSession session;

		private volatile long lastSeen;

		/** Whether the REST connector sends over this connection's session. */
		private final AtomicBoolean restAttached = new AtomicBoolean();

		/** Stopped by the listener; guarded by the lifecycle monitor. */
		private boolean closing;

		/** Guarded by the lifecycle monitor. */
		private boolean ended;

		/** Why the listener closes this connection to connect again at once; guarded as above. */
		private @Nullable String reconnectReason;

	}

	/** The socket stopped answering. */
	static final class DeadSocketException extends RuntimeException {

		DeadSocketException(String message) {
			super(message);
		}

	}

}
