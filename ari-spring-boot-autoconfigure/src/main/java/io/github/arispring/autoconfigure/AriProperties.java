package io.github.arispring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.github.arispring.client.websocket.RestTransport;

/**
 * Configuration of the connection to Asterisk's REST Interface.
 */
@ConfigurationProperties("ari")
public class AriProperties {

	/**
	 * URL of Asterisk's HTTP server, such as http://localhost:8088; the /ari suffix is
	 * optional. Use https:// for TLS (wss:// follows for the events WebSocket).
	 */
	private @Nullable String url;

	/**
	 * ARI user, as defined in ari.conf. Sent in the Authorization header, never in a URL.
	 */
	private @Nullable String username;

	/**
	 * Password of the ARI user.
	 */
	private @Nullable String password;

	/**
	 * Stasis applications to register; events for all of them arrive over one WebSocket. Use
	 * ${ari.instance-id} for a name of this instance's own, such as ivr-${ari.instance-id}.
	 */
	private List<String> applications = new ArrayList<>();

	/**
	 * Identifier of this instance of the application, the same for its whole life. Defaults to
	 * the host name followed by a random suffix, chosen once at start-up.
	 */
	private @Nullable String instanceId;

	/**
	 * Whether the applications subscribe to all Asterisk events rather than only to those of
	 * their own channels, bridges and endpoints.
	 */
	private boolean subscribeAll;

	/**
	 * Time-out for establishing a connection to Asterisk.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Time-out for Asterisk's answer to a REST call, and to the events WebSocket upgrade. Over
	 * the WebSocket it also bounds the wait for the socket to (re)connect.
	 */
	private Duration responseTimeout = Duration.ofSeconds(30);

	private final Rest rest = new Rest();

	private final Ssl ssl = new Ssl();

	private final Http http = new Http();

	private final Listener listener = new Listener();

	private final Call call = new Call();

	/**
	 * Further Asterisk servers, by name. Each has its own REST clients, connection pool and
	 * events WebSocket; handlers receive the events of every server, and their REST calls reach
	 * the server that sent the event. The server of ari.url is named "default".
	 */
	private final Map<String, Server> servers = new LinkedHashMap<>();

	private final Broadcast broadcast = new Broadcast();

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public List<String> getApplications() {
		return this.applications;
	}

	public void setApplications(List<String> applications) {
		this.applications = applications;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public boolean isSubscribeAll() {
		return this.subscribeAll;
	}

	public void setSubscribeAll(boolean subscribeAll) {
		this.subscribeAll = subscribeAll;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Rest getRest() {
		return this.rest;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Http getHttp() {
		return this.http;
	}

	/**
	 * How REST calls reach Asterisk.
	 */
	public static final class Rest {

		/**
		 * Transport of REST calls: http, websocket (RESTRequest frames over the events
		 * WebSocket; needs Asterisk 20.14, 21.9, 22.4 or later) or auto (the WebSocket once
		 * Asterisk has answered on it, HTTP otherwise). HTTP by default: Asterisk carries out
		 * the requests of one WebSocket one after another, so over it a slow call holds up all
		 * others, and answers share one TCP stream with events. Choose websocket or auto when
		 * bursts of calls run into http.conf's sessionlimit. Files
		 * (recordings.getStoredFile) always go over HTTP.
		 */
		private RestTransport transport = RestTransport.HTTP;

		public RestTransport getTransport() {
			return this.transport;
		}

		public void setTransport(RestTransport transport) {
			this.transport = transport;
		}

	}

	public Listener getListener() {
		return this.listener;
	}

	public Call getCall() {
		return this.call;
	}

	public Map<String, Server> getServers() {
		return this.servers;
	}

	public Broadcast getBroadcast() {
		return this.broadcast;
	}

	/**
	 * TLS settings for https and wss.
	 */
	public static final class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) holding the trust material for Asterisk's
		 * certificate. Without one, the JVM's default trust store verifies it.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * The pool of HTTP connections the REST clients use. Asterisk refuses connections beyond
	 * sessionlimit in http.conf (100 by default) and closes idle ones after session_keep_alive
	 * (15 s by default).
	 */
	public static final class Http {

		/**
		 * Largest number of HTTP connections open to Asterisk at once for REST calls. Keep it
		 * below sessionlimit in Asterisk's http.conf (100 by default), less the events
		 * WebSocket (one connection) and other clients of Asterisk's HTTP server, such as other
		 * instances of the application.
		 */
		private int maxConnections = 32;

		/**
		 * Largest number of REST calls waiting for a free connection; calls beyond it fail at
		 * once.
		 */
		private int maxPending = 10_000;

		/**
		 * Time a REST call waits for a free connection before it fails, saying that the pool
		 * is saturated.
		 */
		private Duration pendingAcquireTimeout = Duration.ofSeconds(30);

		/**
		 * Time after which an idle connection is closed. Keep it below session_keep_alive in
		 * Asterisk's http.conf (15 s by default), so that no request is sent on a connection
		 * Asterisk is closing.
		 */
		private Duration maxIdleTime = Duration.ofSeconds(10);

		/**
		 * Interval at which idle connections are checked in the background and those idle for
		 * max-idle-time closed; each connection is also checked before it is reused.
		 */
		private Duration evictionInterval = Duration.ofSeconds(5);

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getMaxPending() {
			return this.maxPending;
		}

		public void setMaxPending(int maxPending) {
			this.maxPending = maxPending;
		}

		public Duration getPendingAcquireTimeout() {
			return this.pendingAcquireTimeout;
		}

		public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
		}

		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

		public Duration getEvictionInterval() {
			return this.evictionInterval;
		}

		public void setEvictionInterval(Duration evictionInterval) {
			this.evictionInterval = evictionInterval;
		}

	}

	/**
	 * The events WebSocket and the dispatch of events to handlers.
	 */
	public static final class Listener {

		/**
		 * Whether to connect the events WebSocket when the application starts.
		 */
		private boolean autoStartup = true;

		/**
		 * Largest WebSocket frame accepted.
		 */
		private DataSize maxFrameSize = DataSize.ofMegabytes(2);

		/**
		 * Interval between WebSocket pings; a socket that answers neither pings nor anything
		 * else for ping-interval plus ping-timeout is considered dead and reconnected.
		 */
		private Duration pingInterval = Duration.ofSeconds(10);

		/**
		 * Time allowed for an answer to a ping.
		 */
		private Duration pingTimeout = Duration.ofSeconds(5);

		/**
		 * Largest number of handler invocations running at once, for the bounded pool used
		 * below Java 21. On Java 21 and later each channel's events run on virtual threads.
		 */
		private int concurrency = 64;

		/**
		 * Largest number of received events waiting for a handler, over all channels; what
		 * arrives beyond it is counted and logged as dropped.
		 */
		private int queueCapacity = 100_000;

		/**
		 * Time allowed for in-flight handlers to finish when the listener stops.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * What happens, after a handler's failure is logged, to the channel of the event it
		 * failed on, for handlers without an error handler of their own: only the log, a
		 * hang-up, or a continue in the dialplan after Stasis().
		 */
		private ErrorHandler errorHandler = ErrorHandler.LOG;

		private final Reconnect reconnect = new Reconnect();

		private final Takeover takeover = new Takeover();

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public Duration getPingTimeout() {
			return this.pingTimeout;
		}

		public void setPingTimeout(Duration pingTimeout) {
			this.pingTimeout = pingTimeout;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public ErrorHandler getErrorHandler() {
			return this.errorHandler;
		}

		public void setErrorHandler(ErrorHandler errorHandler) {
			this.errorHandler = errorHandler;
		}

		public Reconnect getReconnect() {
			return this.reconnect;
		}

		public Takeover getTakeover() {
			return this.takeover;
		}

	}

	/**
	 * The default error handler of event handlers.
	 */
	public enum ErrorHandler {

		/**
		 * Only log the failure.
		 */
		LOG,

		/**
		 * Log, then hang up the event's channel (bean {@code ariHangupErrorHandler}).
		 */
		HANGUP,

		/**
		 * Log, then continue the event's channel in the dialplan after its Stasis()
		 * application (bean {@code ariContinueErrorHandler}).
		 */
		CONTINUE

	}

	/**
	 * Calls as scripts: {@code @StasisCall} methods.
	 */
	public static final class Call {

		/**
		 * Largest number of call scripts running at once below Java 21, where each takes a
		 * platform thread; calls beyond it wait for a thread (their events are kept), they do
		 * not fail. On Java 21 and later every call runs on a virtual thread of its own.
		 */
		private int concurrency = 200;

		/**
		 * Time allowed, when the application stops, for call scripts to end after their calls
		 * were ended (their finally blocks run and the calls are hung up).
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * One named Asterisk server ({@code ari.servers.<name>.*}): the same settings as the
	 * top-level {@code ari.*} connection, with the same defaults.
	 */
	public static final class Server {

		/**
		 * URL of this server's HTTP server, such as http://pbx-east:8088; the /ari suffix is
		 * optional.
		 */
		private @Nullable String url;

		/**
		 * ARI user on this server, as defined in its ari.conf.
		 */
		private @Nullable String username;

		/**
		 * Password of the ARI user on this server.
		 */
		private @Nullable String password;

		/**
		 * Stasis applications to register on this server; the same names may be used on
		 * several servers.
		 */
		private List<String> applications = new ArrayList<>();

		/**
		 * Whether this server's applications subscribe to all of its events.
		 */
		private boolean subscribeAll;

		/**
		 * Time-out for establishing a connection to this server.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Time-out for this server's answer to a REST call, and to the events WebSocket upgrade.
		 */
		private Duration responseTimeout = Duration.ofSeconds(30);

		private final Ssl ssl = new Ssl();

		private final Http http = new Http();

		private final Rest rest = new Rest();

		private final ServerListener listener = new ServerListener();

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public List<String> getApplications() {
			return this.applications;
		}

		public void setApplications(List<String> applications) {
			this.applications = applications;
		}

		public boolean isSubscribeAll() {
			return this.subscribeAll;
		}

		public void setSubscribeAll(boolean subscribeAll) {
			this.subscribeAll = subscribeAll;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		public Http getHttp() {
			return this.http;
		}

		public Rest getRest() {
			return this.rest;
		}

		public ServerListener getListener() {
			return this.listener;
		}

	}

	/**
	 * The events WebSocket of a named server. Dispatch to handlers (concurrency, queue
	 * capacity, error handler, shutdown time-out) is shared by all servers and set under
	 * {@code ari.listener.*}.
	 */
	public static final class ServerListener {

		/**
		 * Whether to connect this server's events WebSocket when the application starts.
		 */
		private boolean autoStartup = true;

		/**
		 * Largest WebSocket frame accepted from this server.
		 */
		private DataSize maxFrameSize = DataSize.ofMegabytes(2);

		/**
		 * Interval between WebSocket pings to this server.
		 */
		private Duration pingInterval = Duration.ofSeconds(10);

		/**
		 * Time allowed for this server's answer to a ping.
		 */
		private Duration pingTimeout = Duration.ofSeconds(5);

		private final Reconnect reconnect = new Reconnect();

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public Duration getPingTimeout() {
			return this.pingTimeout;
		}

		public void setPingTimeout(Duration pingTimeout) {
			this.pingTimeout = pingTimeout;
		}

		public Reconnect getReconnect() {
			return this.reconnect;
		}

	}

	/**
	 * Reconnection of the events WebSocket: forever, with exponential backoff and jitter.
	 */
	public static final class Reconnect {

		/**
		 * Delay before the first reconnection attempt.
		 */
		private Duration initialDelay = Duration.ofMillis(500);

		/**
		 * Largest delay between attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		/**
		 * Factor applied to the delay after each failed attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Fraction of each delay that is randomised, between 0 and 1, so that many clients do
		 * not reconnect in step.
		 */
		private double jitter = 0.5;

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * Standby and takeover after ApplicationReplaced: another client registered one of the
	 * applications.
	 */
	public static final class Takeover {

		/**
		 * Whether an application taken over by another client is registered again as soon as no
		 * other client holds it (Asterisk unregisters it when that client leaves, although this
		 * connection is still open). An application another client holds is never taken from it.
		 */
		private boolean enabled = true;

		/**
		 * How often an application in standby is checked (GET /applications/{name}) for whether
		 * another client still holds it.
		 */
		private Duration checkInterval = Duration.ofSeconds(2);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

	}

	/**
	 * Claims of calls offered by the dialplan's StasisBroadcast() (CallBroadcast events).
	 */
	public static final class Broadcast {

		/**
		 * Whether to claim the calls that StasisBroadcast() offers to this instance's
		 * applications, as the claim policy (an AriClaimPolicy bean) decides.
		 */
		private boolean enabled = true;

		/**
		 * Largest number of claimed calls in progress, from the claim until StasisEnd, for the
		 * default claim policy; beyond it offers are declined and another instance takes them.
		 */
		private int maxCalls = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxCalls() {
			return this.maxCalls;
		}

		public void setMaxCalls(int maxCalls) {
			this.maxCalls = maxCalls;
		}

	}

}
