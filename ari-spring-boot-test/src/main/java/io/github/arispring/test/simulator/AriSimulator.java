package io.github.arispring.test.simulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import io.github.arispring.test.simulator.SimulatorSettings.User;

/**
 * An embedded Asterisk REST Interface for tests: an HTTP server on loopback that speaks ARI as
 * Asterisk 23.4.1 does (REST under {@code /ari}, the events WebSocket at {@code /ari/events},
 * Basic authentication, Asterisk's error bodies) and simulates channels, bridges, playbacks and
 * recordings with the events, orders and formats recorded from a real Asterisk. Operations it
 * does not simulate answer 501 and say so.
 * <p>
 * Tests drive it through the scenario API:
 * <pre class="code">
 * try (AriSimulator simulator = AriSimulator.create().start()) {
 *     // point the application at simulator.baseUri() with simulator.username() and password()
 *     Call call = simulator.incomingCall("+15551234").into("ivr");
 *     call.awaitMediaPlayed("sound:hello-world", Duration.ofSeconds(5));
 *     call.pressDigits("1#");
 *     call.awaitHangup(Duration.ofSeconds(5));
 * }
 * </pre>
 */
public final class AriSimulator implements AutoCloseable {

	/** The user and password a simulator accepts unless told otherwise. */
	public static final String DEFAULT_USERNAME = "asterisk";

	/** The password of {@link #DEFAULT_USERNAME}. */
	public static final String DEFAULT_PASSWORD = "asterisk";

	private static final String HOST = "127.0.0.1";

	private final SimulatorSettings settings;

	private final String username;

	private final SimulatorState state;

	private final HttpSessions sessions;

	private final RestApi api;

	// Answers RESTRequest frames on events sockets and outbound sockets alike.
	private final WebSocketRestRequests restRequests;
	/** Calls {@link #awaitOriginated} has given already. */
	private final Set<String> awaitedOriginations = new HashSet<>();

	private @Nullable DisposableServer server;

	private boolean stopped;

	private AriSimulator(SimulatorSettings settings, String username, int sessionLimit) {
		this.settings = settings;
		this.username = username;
		this.state = new SimulatorState(settings);
		this.sessions = new HttpSessions(sessionLimit);
		this.api = new RestApi(this.state);
		this.restRequests = new WebSocketRestRequests(this.state, this.api);
	}

	/**
	 * A simulator with the defaults: user {@code asterisk}/{@code asterisk}, a random port, 50 ms
	 * per media item, far ends that answer after 20 ms, at most 100 HTTP connections.
	 * @return the simulator, not yet started
	 */
	public static AriSimulator create() {
		return builder().build();
	}

	/**
	 * A builder for a simulator with other settings.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts listening on loopback. Does nothing if it is running.
	 * @return this simulator
	 * @throws IllegalStateException if it was stopped: a simulator does not start twice
	 */
	public synchronized AriSimulator start() {
		if (this.stopped) {
			throw new IllegalStateException("This ARI simulator was stopped; create a new one");
		}
		if (this.server == null) {
			this.server = HttpServer.create()
				// Lets stop() close the connections that clients keep alive, not only the listener.
				.channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
				.doOnChannelInit((observer, channel, remoteAddress) -> this.sessions.attach(channel))
				.host(HOST)
				.port(this.settings.port())
				.handle(new AriHttpHandler(this.state, this.api, this.restRequests))
				.bindNow(Duration.ofSeconds(10));
		}
		return this;
	}

	/**
	 * Stops the simulator: WebSockets drop without a close frame, as when Asterisk stops.
	 */
	public synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		this.state.shutdown();
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(5));
			this.server = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether the simulator is listening.
	 * @return whether it is
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * The port it listens on.
	 * @return the port
	 * @throws IllegalStateException if it is not running
	 */
	public synchronized int port() {
		if (this.server == null) {
			throw new IllegalStateException("The ARI simulator is not running; call start() first");
		}
		return this.server.port();
	}

	/**
	 * The REST base URL.
	 * @return such as {@code http://127.0.0.1:41234/ari}
	 */
	public URI baseUri() {
		return URI.create("http://" + HOST + ":" + port() + "/ari");
	}

	/**
	 * The events WebSocket URL, without query.
	 * @return such as {@code ws://127.0.0.1:41234/ari/events}
	 */
	public URI eventsUri() {
		return URI.create("ws://" + HOST + ":" + port() + "/ari/events");
	}

	/**
	 * The ARI user applications should log in as.
	 * @return the user name
	 */
	public String username() {
		return this.username;
	}

	/**
	 * That user's password.
	 * @return the password
	 */
	public String password() {
		return this.settings.users().get(this.username).password();
	}

	/**
	 * The {@code asterisk_id} of every event and the {@code entity_id} of {@code /asterisk/info}.
	 * @return the id
	 */
	public String asteriskId() {
		return this.settings.asteriskId();
	}

	/**
	 * Serves a Stasis application over per-call outbound WebSockets, as Asterisk does for an
	 * {@code outbound_websocket} with {@code connection_type = per_call_config}: each call
	 * {@linkplain IncomingCall#into(String) sent into} it opens its own socket to the
	 * application, named {@code <app>:<channel name>}, closed with {@code 1000} 3.5 s after
	 * its StasisEnd.
	 * @param application the application, as in {@code Stasis(app)}
	 * @param uri the application's endpoint, such as {@code ws://localhost:8080/ari/outbound}
	 * @return the application
	 */
	public OutboundApplication perCallApplication(String application, URI uri) {
		return perCallApplication(application, uri, null, null, Duration.ofMillis(3500));
	}

	/**
	 * Serves a Stasis application over per-call outbound WebSockets.
	 * @param application the application, as in {@code Stasis(app)}
	 * @param uri the application's endpoint
	 * @param username the user sent in the {@code Authorization} header, or {@code null} for none
	 * @param password the password
	 * @param closeDelay the time between a call's StasisEnd and the close of its socket
	 * @return the application
	 * @see #perCallApplication(String, URI)
	 */
	public OutboundApplication perCallApplication(String application, URI uri, @Nullable String username,
			@Nullable String password, Duration closeDelay) {
		OutboundApplication outbound = new OutboundApplication(this.state, this.restRequests, application, uri, username, password, true,
				closeDelay);
		this.state.outbound.put(application, outbound);
		return outbound;
	}

	/**
	 * Serves a Stasis application over a persistent outbound WebSocket, as Asterisk does for
	 * an {@code outbound_websocket} with {@code connection_type = persistent}: connects now, and
	 * again one second after the socket drops or a connection attempt fails.
	 * @param application the application
	 * @param uri the application's endpoint
	 * @param username the user sent in the {@code Authorization} header, or {@code null} for none
	 * @param password the password
	 * @param reconnectInterval the time between a drop and the next attempt
	 * @return the application
	 */
	public OutboundApplication persistentApplication(String application, URI uri, @Nullable String username,
			@Nullable String password, Duration reconnectInterval) {
		OutboundApplication outbound = new OutboundApplication(this.state, this.restRequests, application, uri, username, password,
				false, reconnectInterval);
		outbound.connectPersistent();
		return outbound;
	}

	/**
	 * The HTTP connections open now, the events WebSockets included, as Asterisk counts them
	 * against {@code sessionlimit}.
	 * @return the number of connections
	 */
	public int openConnections() {
		return this.sessions.open();
	}

	/**
	 * The most HTTP connections that were open at once, the events WebSockets included, since
	 * the simulator started or was {@link #reset()}. Never more than the session limit.
	 * @return the number of connections
	 */
	public int peakConnections() {
		return this.sessions.peak();
	}

	/**
	 * The connections closed at once because the session limit was reached, as Asterisk does
	 * when it logs "HTTP session count exceeded".
	 * @return the number of connections
	 */
	public long refusedConnections() {
		return this.sessions.refused();
	}

	/**
	 * The largest number of HTTP connections open at once ({@code sessionlimit} in
	 * {@code http.conf}).
	 * @return the limit
	 */
	public int sessionLimit() {
		return this.sessions.limit();
	}

	/**
	 * Starts describing an incoming call; {@link IncomingCall#into(String)} makes it arrive.
	 * @param callerNumber the caller's number, such as {@code +15551234}
	 * @return the call to describe
	 */
	public IncomingCall incomingCall(String callerNumber) {
		return new IncomingCall(this.state, callerNumber);
	}

	/**
	 * Every call the simulator has had, incoming or originated, in the order they began; a Local
	 * pair counts twice, once per half.
	 * @return the calls
	 */
	public List<Call> calls() {
		return this.state.channels.history().stream().map((channel) -> new Call(this.state, channel)).toList();
	}

	/**
	 * A call by channel id, including one that has hung up.
	 * @param channelId the channel id
	 * @return the call
	 * @throws IllegalArgumentException if there is none
	 */
	public Call call(String channelId) {
		SimChannel channel = this.state.channels.findInHistory(channelId);
		if (channel == null) {
			throw new IllegalArgumentException("The ARI simulator has no channel " + channelId);
		}
		return new Call(this.state, channel);
	}

	/**
	 * Waits for the application to originate a call to an endpoint, and gives its channel.
	 * Each call is given once: the n-th {@code awaitOriginated} for an endpoint returns the
	 * n-th call originated to it (since the last {@link #reset()}), so a test or a demo that
	 * places several calls gets the new one each time.
	 * @param endpoint the endpoint, such as {@code PJSIP/alice}
	 * @param timeout how long to wait
	 * @return the first such call not given by an earlier {@code awaitOriginated}
	 * @throws AssertionError if none is originated in time
	 */
	public Call awaitOriginated(String endpoint, Duration timeout) {
		synchronized (this.awaitedOriginations) {
			Call call = awaitCall((candidate) -> endpoint.equals(candidate.endpoint())
					&& !this.awaitedOriginations.contains(candidate.id()), "originated to " + endpoint, timeout);
			this.awaitedOriginations.add(call.id());
			return call;
		}
	}

	/**
	 * Waits for a call that matches a condition.
	 * @param condition the condition
	 * @param description what it means, for the failure message
	 * @param timeout how long to wait
	 * @return the first such call
	 * @throws AssertionError if there is none in time
	 */
	public Call awaitCall(Predicate<Call> condition, String description, Duration timeout) {
		Call[] found = new Call[1];
		boolean ok = this.state.await(() -> {
			found[0] = calls().stream().filter(condition).findFirst().orElse(null);
			return found[0] != null;
		}, timeout);
		if (!ok) {
			throw new AssertionError("No call " + description + " within " + timeout + "; calls: " + calls());
		}
		return found[0];
	}

	/**
	 * The Stasis applications registered by open WebSockets.
	 * @return the application names
	 */
	public List<String> applications() {
		return this.state.sockets.registeredApplications();
	}

	/**
	 * Waits until a WebSocket has registered an application.
	 * @param application the application
	 * @param timeout how long to wait
	 * @throws AssertionError if none does in time
	 */
	public void awaitApplication(String application, Duration timeout) {
		if (!this.state.await(() -> this.state.sockets.isRegistered(application), timeout)) {
			throw new AssertionError("No WebSocket registered application '" + application + "' within " + timeout
					+ "; registered: " + applications());
		}
	}

	/**
	 * The requests answered, oldest first, up to the log capacity.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return this.state.requests();
	}

	/**
	 * The requests of one operation.
	 * @param operation the operation, such as {@code channels.answer}
	 * @return the requests, oldest first
	 */
	public List<RecordedRequest> requests(String operation) {
		return requests().stream().filter((request) -> operation.equals(request.operation())).toList();
	}

	/**
	 * The event frames sent, oldest first, up to the log capacity.
	 * @return the events
	 */
	public List<SentEvent> sentEvents() {
		return this.state.sentEvents();
	}

	/**
	 * Drops every events WebSocket without a close frame, as when Asterisk restarts, to test
	 * that an application reconnects. Their applications are unregistered.
	 */
	public void disconnectAll() {
		this.state.sockets.dropAll();
	}

	/**
	 * Forgets all channels, bridges, playbacks, recordings and logged requests and events,
	 * without raising events, and starts the peak of connections again from those open;
	 * connected WebSockets stay. For tests that share a simulator.
	 */
	public void reset() {
		this.state.reset();
		this.sessions.resetPeak();
		synchronized (this.awaitedOriginations) {
			this.awaitedOriginations.clear();
		}
	}

	/** The media duration used unless set: 50 ms an item, and tones play until stopped, as on Asterisk. */
	static @Nullable Duration defaultMediaDuration(String mediaUri) {
		return mediaUri.startsWith("tone:") ? null : Duration.ofMillis(50);
	}

	/**
	 * Settings of a simulator.
	 */
	public static final class Builder {

		private int port;

		private String username = DEFAULT_USERNAME;

		private final Map<String, User> users = new LinkedHashMap<>(Map.of(DEFAULT_USERNAME,
				new User(DEFAULT_PASSWORD, false)));

		private String asteriskId = "02:fc:00:00:00:01";

		private Function<String, @Nullable Duration> mediaDuration = AriSimulator::defaultMediaDuration;

		private Duration answerDelay = Duration.ofMillis(20);

		private Duration responseDelay = Duration.ZERO;

		private int dtmfDurationMs = 100;

		private Duration dtmfInterval = Duration.ZERO;

		private Clock clock = Clock.systemUTC();

		private Duration applicationTimeout = Duration.ofSeconds(10);

		private int eventQueueCapacity = 10_000;

		private int logCapacity = 10_000;

		private int sessionLimit = 100;

		private Builder() {
		}

		/**
		 * The port to listen on; 0, the default, picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * The ARI user applications log in as, instead of {@code asterisk}/{@code asterisk}.
		 * @param username the user
		 * @param password the password
		 * @return this builder
		 */
		public Builder credentials(String username, String password) {
			this.users.remove(this.username);
			this.users.put(username, new User(password, false));
			this.username = username;
			return this;
		}

		/**
		 * Adds a {@code read_only} user, whose writes get 403 "Write access denied".
		 * @param username the user
		 * @param password the password
		 * @return this builder
		 */
		public Builder readOnlyUser(String username, String password) {
			this.users.put(username, new User(password, true));
			return this;
		}

		/**
		 * The Asterisk entity id, {@code 02:fc:00:00:00:01} by default.
		 * @param asteriskId the id
		 * @return this builder
		 */
		public Builder asteriskId(String asteriskId) {
			this.asteriskId = asteriskId;
			return this;
		}

		/**
		 * How long each media item plays, such as {@code sound:hello-world}; return {@code null}
		 * for one that plays until it is stopped.
		 * @param mediaDuration the duration of a media URI
		 * @return this builder
		 */
		public Builder mediaDuration(Function<String, @Nullable Duration> mediaDuration) {
			this.mediaDuration = mediaDuration;
			return this;
		}

		/**
		 * How long every media item plays, except tones, which play until stopped.
		 * @param duration the duration
		 * @return this builder
		 */
		public Builder mediaDuration(Duration duration) {
			return mediaDuration((uri) -> uri.startsWith("tone:") ? null : duration);
		}

		/**
		 * How long the far end of an originated or dialled call takes to answer; 20 ms by default.
		 * @param answerDelay the delay
		 * @return this builder
		 */
		public Builder answerDelay(Duration answerDelay) {
			this.answerDelay = answerDelay;
			return this;
		}

		/**
		 * The {@code duration_ms} of digits the caller presses (100), and the time between them
		 * (none by default, so that {@link Call#pressDigits} has sent them all when it returns).
		 * @param durationMs the duration reported
		 * @param interval the time between digits
		 * @return this builder
		 */
		public Builder dtmf(int durationMs, Duration interval) {
			this.dtmfDurationMs = durationMs;
			this.dtmfInterval = interval;
			return this;
		}

		/**
		 * The clock for time stamps and channel ids, UTC by default; Asterisk writes time
		 * stamps in its own time zone.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * How long {@link IncomingCall#into} waits for the application to register; 10 s by default.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder applicationTimeout(Duration timeout) {
			this.applicationTimeout = timeout;
			return this;
		}

		/**
		 * How many frames a WebSocket may have waiting before the simulator drops it, as
		 * Asterisk drops a stalled client; 10,000 by default.
		 * @param capacity the number of frames
		 * @return this builder
		 */
		public Builder eventQueueCapacity(int capacity) {
			this.eventQueueCapacity = capacity;
			return this;
		}

		/**
		 * How many requests, events and calls the simulator keeps for the scenario API; 10,000
		 * of each by default.
		 * @param capacity the number of entries
		 * @return this builder
		 */
		public Builder logCapacity(int capacity) {
			this.logCapacity = capacity;
			return this;
		}

		/**
		 * The largest number of HTTP connections open at once, the events WebSockets included
		 * ({@code sessionlimit} in Asterisk's {@code http.conf}); 100 by default, as on Asterisk.
		 * Beyond it a new connection is accepted and closed at once, before any answer.
		 * @param sessionLimit the number of connections, at least 1
		 * @return this builder
		 */
		public Builder sessionLimit(int sessionLimit) {
			if (sessionLimit < 1) {
				throw new IllegalArgumentException("The session limit must be at least 1, not " + sessionLimit);
			}
			this.sessionLimit = sessionLimit;
			return this;
		}

		/**
		 * How long every REST answer waits after its request was carried out; none by default.
		 * The events the request caused go out at once, so they overtake the answer, as they
		 * often do on a real Asterisk (PlaybackStarted before the answer to play, Dial before
		 * the answer to originate): use it to test that an application does not depend on the
		 * answer coming first.
		 * @param responseDelay the delay
		 * @return this builder
		 */
		public Builder responseDelay(Duration responseDelay) {
			this.responseDelay = responseDelay;
			return this;
		}

		/**
		 * Builds the simulator.
		 * @return the simulator, not yet started
		 */
		public AriSimulator build() {
			return new AriSimulator(new SimulatorSettings(this.port, Map.copyOf(this.users), this.asteriskId,
					this.mediaDuration, this.answerDelay, this.dtmfDurationMs, this.dtmfInterval, this.clock,
					this.applicationTimeout, this.eventQueueCapacity, this.logCapacity, this.responseDelay), this.username,
					this.sessionLimit);
		}

		/**
		 * Builds and starts the simulator.
		 * @return the running simulator
		 */
		public AriSimulator start() {
			return build().start();
		}

	}

}
