package io.github.arispring.test.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A Stasis application that the simulator serves the way Asterisk serves an
 * {@code outbound_websocket} application: it opens the WebSocket to the application itself
 * (subprotocol {@code ari}, Basic credentials when given), sends ApplicationRegistered first,
 * then the application's events. A per-call application gets one socket per call, named
 * {@code <app>:<channel name>}, closed with {@code 1000} a while after the call's StasisEnd
 * (3.5 s on Asterisk). A persistent one keeps one socket and reopens it about a second after
 * it drops. REST requests that the application sends back as {@code RESTRequest} frames are
 * answered on the same socket, as on the events WebSocket. Made by
 * {@link AriSimulator#perCallApplication} and
 * {@link AriSimulator#persistentApplication}.
 */
public final class OutboundApplication implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(OutboundApplication.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final SimulatorState state;

	private final WebSocketRestRequests restRequests;

	private final String name;

	private final URI uri;

	private final @Nullable String authorization;

	private final boolean perCall;

	private final Duration delay;

	private final HttpClient client;

	private final AtomicInteger opened = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private volatile boolean stopped;

	private volatile @Nullable Disposable persistent;

	OutboundApplication(SimulatorState state, WebSocketRestRequests restRequests, String name, URI uri,
			@Nullable String username, @Nullable String password, boolean perCall, Duration delay) {
		this.state = state;
		this.restRequests = restRequests;
		this.name = name;
		this.uri = uri;
		this.authorization = (username != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + ((password != null) ? password : "")).getBytes(StandardCharsets.UTF_8))
				: null;
		this.perCall = perCall;
		this.delay = delay;
		// One connection per socket, outside any pool: a pool would cap the calls in progress.
		HttpClient client = HttpClient.newConnection();
		if (this.authorization != null) {
			String header = this.authorization;
			client = client.headers((headers) -> headers.set("Authorization", header));
		}
		this.client = client;
	}

	/**
	 * The application's name, as configured ({@code <app>} of per-call names).
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Whether the application gets one socket per call.
	 * @return {@code true} for per-call
	 */
	public boolean isPerCall() {
		return this.perCall;
	}

	/**
	 * Sockets opened so far.
	 * @return the count
	 */
	public int openedCount() {
		return this.opened.get();
	}

	/**
	 * Sockets open now.
	 * @return the count
	 */
	public int openCount() {
		return this.open.get();
	}

	/**
	 * Upgrade requests the application refused (401, 503, ...) or could not be reached.
	 * @return the count
	 */
	public int refusedCount() {
		return this.refused.get();
	}

	/**
	 * Stops connecting: a persistent socket is closed and not reopened, per-call calls
	 * get no socket any more.
	 */
	@Override
	public void close() {
		this.stopped = true;
		Disposable persistent = this.persistent;
		if (persistent != null) {
			persistent.dispose();
		}
	}

	/** Opens the per-call socket of a channel and waits until its application is registered. */
	String openFor(String channelName) {
		if (this.stopped) {
			throw new IllegalStateException("Outbound application '" + this.name + "' is closed");
		}
		String application = this.name + ":" + channelName;
		Sinks.One<Boolean> registered = Sinks.one();
		this.client.websocket(WebsocketClientSpec.builder().protocols("ari").build())
			.uri(this.uri)
			.handle((in, out) -> run(in, out, application, registered))
			.subscribe(null, (ex) -> {
				// Counted before the caller wakes up; not counted if the socket had opened.
				this.refused.incrementAndGet();
				if (!registered.tryEmitError(ex).isSuccess()) {
					this.refused.decrementAndGet();
				}
			});
		try {
			registered.asMono().block(CONNECT_TIMEOUT);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The application at " + this.uri + " did not accept the per-call socket of "
					+ channelName + ": " + describe(ex), ex);
		}
		return application;
	}

	/** Connects the persistent socket, and again after each drop. */
	void connectPersistent() {
		if (this.stopped) {
			return;
		}
		this.persistent = this.client.websocket(WebsocketClientSpec.builder().protocols("ari").build())
			.uri(this.uri)
			.handle((in, out) -> run(in, out, this.name, Sinks.one()))
			.then()
			.onErrorResume((ex) -> {
				this.refused.incrementAndGet();
				logger.debug("Outbound socket of " + this.name + " failed: " + describe(ex));
				return Mono.empty();
			})
			.then(Mono.delay(this.delay))
			.subscribe((tick) -> connectPersistent());
	}

	private Mono<Void> run(WebsocketInbound in, WebsocketOutbound out, String application,
			Sinks.One<Boolean> registered) {
		EventSocket socket = this.state.sockets.openOutbound(application);
		this.opened.incrementAndGet();
		this.open.incrementAndGet();
		in.withConnection(socket::attach);
		registered.tryEmitValue(true);
		AtomicInteger answering = new AtomicInteger();
		// Frames other than text are ignored, as Asterisk does.
		Mono<Void> closed = in.aggregateFrames(AriHttpHandler.MAX_BODY)
			.receiveFrames()
			.doOnNext((frame) -> {
				if (frame instanceof TextWebSocketFrame text) {
					answering.incrementAndGet();
					try {
						this.restRequests.receive(socket, text.text(), false);
					}
					finally {
						answering.decrementAndGet();
					}
				}
			})
			.then()
			.doFinally((signal) -> this.state.locked(socket::complete));
		// Closing ends the frames first, so that the close frame follows the last event.
		Mono<Void> sent = out.sendString(socket.frames().doOnNext((frame) -> {
			if (this.perCall && frame.contains("\"type\":\"StasisEnd\"")) {
				closeAfter(this.delay, socket, answering);
			}
		}), StandardCharsets.UTF_8).then().then(Mono.defer(() -> out.sendClose(1000, "")));
		return Mono.when(closed, sent).onErrorResume((ex) -> Mono.empty()).doFinally((signal) -> {
			this.open.decrementAndGet();
			this.state.sockets.close(socket);
		});
	}

	/**
	 * Ends a per-call socket's frames after a delay, or a little later if a REST request on it
	 * is being answered (its answer follows the StasisEnd that hanging up caused): with the
	 * short delays of tests, a busy machine could otherwise close it between the two.
	 */
	private void closeAfter(Duration delay, EventSocket socket, AtomicInteger answering) {
		Mono.delay(delay).subscribe((tick) -> {
			if (answering.get() > 0) {
				closeAfter(Duration.ofMillis(5), socket, answering);
			}
			else {
				this.state.locked(socket::complete);
			}
		});
	}

	private static String describe(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof WebSocketClientHandshakeException handshake) {
				return "it answered " + handshake.response().status();
			}
		}
		return ex.toString();
	}

}
