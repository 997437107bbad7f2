package io.github.arispring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
	 * Stasis applications to register; events for all of them arrive over one WebSocket.
	 */
	private List<String> applications = new ArrayList<>();

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
	 * Time-out for Asterisk's answer to a REST call. Over the WebSocket it also bounds the
	 * wait for the socket to (re)connect.
	 */
	private Duration responseTimeout = Duration.ofSeconds(30);

	private final Rest rest = new Rest();

	private final Ssl ssl = new Ssl();

	private final Listener listener = new Listener();

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

	public Rest getRest() {
		return this.rest;
	}

	public Ssl getSsl() {
		return this.ssl;
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

}
