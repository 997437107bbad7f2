package io.github.arispring.client.websocket;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * A {@link ClientHttpConnector} that carries each request as a {@code RESTRequest} frame over
 * an ARI WebSocket and completes it from the {@code RESTResponse} frame with the same
 * {@code request_id} (Asterisk 20.14, 21.9, 22.4 and later). Sitting under a
 * {@code WebClient}, it leaves everything above unchanged: HTTP interface clients, error
 * mapping, codecs and {@code http.client.requests}.
 * <p>
 * One connector serves one logical socket, which may be replaced as it reconnects. Whoever
 * owns the socket tells the connector when it {@link #connected opens} (with a way to send
 * frames), hands it every {@code RESTResponse} frame ({@link #onFrame(byte[])}), and tells it
 * when the socket {@link #disconnected closes} (calls in flight then fail at once) or will
 * never open again ({@link #close}). A call made while no socket is open waits for one, within
 * the time-out that bounds every call.
 */
public class WebSocketRestConnector implements ClientHttpConnector {

	private static final Log logger = LogFactory.getLog(WebSocketRestConnector.class);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String SUPPORTED_VERSIONS = "Asterisk 20.14, 21.9, 22.4 or later";

	private static final int MAX_LOGGED_FRAME = 300;

	private final String basePath;

	private final String socketName;

	private final Duration timeout;

	private final AtomicLong requestIds = new AtomicLong();

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final Set<MonoSink<Session>> waiting = ConcurrentHashMap.newKeySet();

	private final AtomicLong lateAnswers = new AtomicLong();

	private final Object monitor = new Object();

	private volatile @Nullable Session session;

	private @Nullable String closedReason;

	private volatile @Nullable String lastDisconnect;

	private volatile boolean probeOnConnect;

	private volatile boolean httpFallback;

	private volatile @Nullable Boolean lastProbeAnswered;

	/**
	 * Creates a connector.
	 * @param baseUri the REST base URL, ending in {@code /ari}; requests are sent relative to it
	 * @param socketName the socket in messages, such as {@code events WebSocket ws://pbx:8088/ari/events}
	 * @param timeout the longest a call may take, waiting for a socket included
	 */
	public WebSocketRestConnector(URI baseUri, String socketName, Duration timeout) {
		String path = (baseUri.getRawPath() != null) ? baseUri.getRawPath() : "";
		this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		this.socketName = socketName;
		this.timeout = timeout;
	}

	/**
	 * Sets whether to send a request ({@code GET asterisk/info?only=system}) as soon as a socket
	 * opens, to learn whether Asterisk answers REST over it ({@link #isAnswering()}).
	 * @param probeOnConnect whether to probe
	 */
	public void setProbeOnConnect(boolean probeOnConnect) {
		this.probeOnConnect = probeOnConnect;
	}

	/**
	 * Sets whether REST calls fall back to HTTP when Asterisk does not answer over the socket,
	 * which only changes how that is logged (info rather than warning).
	 * @param httpFallback whether calls fall back to HTTP
	 */
	public void setHttpFallback(boolean httpFallback) {
		this.httpFallback = httpFallback;
	}

	/**
	 * The socket in messages.
	 * @return the name given at construction
	 */
	public String getSocketName() {
		return this.socketName;
	}

	/**
	 * The longest a call may take, waiting for a socket included.
	 * @return the time-out
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		BufferedClientHttpRequest request = new BufferedClientHttpRequest(method, uri);
		return requestCallback.apply(request).then(Mono.defer(() -> exchange(request, true)));
	}

	/**
	 * Sends a request that is already written.
	 * @param request the request
	 * @param waitForSocket whether to wait for a socket when none is open, rather than fail at
	 * once with {@link WebSocketRestException.NotSent}
	 * @return the answer
	 */
	Mono<ClientHttpResponse> exchange(BufferedClientHttpRequest request, boolean waitForSocket) {
		Outgoing outgoing;
		try {
			outgoing = outgoing(request);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ex);
		}
		return exchange(outgoing, waitForSocket).flatMap((answer) -> {
			WebSocketRestResponse response = new WebSocketRestResponse(answer);
			// Over HTTP the response completes before its body arrives, and WebClient relies on
			// that (its observation ends as the response completes): the body waits for it here.
			return Mono.<ClientHttpResponse>just(response).doFinally((signal) -> response.releaseBody());
		});
	}

	private Mono<RestFrames.Response> exchange(Outgoing outgoing, boolean waitForSocket) {
		Call call = new Call();
		return session(waitForSocket).flatMap((session) -> send(session, outgoing, call))
			.timeout(this.timeout, Mono.defer(() -> Mono.error(timedOut(call))))
			// Off the socket reader: what callers do with an answer must never hold up events.
			.publishOn(Schedulers.parallel());
	}

	private Outgoing outgoing(BufferedClientHttpRequest request) {
		URI uri = request.getURI();
		String rawPath = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		if (!rawPath.startsWith(this.basePath + "/") || rawPath.length() == this.basePath.length() + 1) {
			throw new IllegalArgumentException(
					"Cannot send " + request.getMethod() + " " + rawPath + " over the " + this.socketName
							+ ": it is not a resource under " + this.basePath + "/");
		}
		// Relative to /ari/ and without a leading slash (Asterisk answers 405 to one); still
		// percent-encoded, as Asterisk decodes each path segment after splitting the path.
		String path = rawPath.substring(this.basePath.length() + 1);
		byte[] bytes = request.body();
		String contentType = null;
		String body = null;
		if (bytes.length > 0) {
			MediaType type = request.getHeaders().getContentType();
			Charset charset = (type != null && type.getCharset() != null) ? type.getCharset() : StandardCharsets.UTF_8;
			// Asterisk compares the type exactly: no parameters.
			contentType = (type == null || type.isCompatibleWith(MediaType.APPLICATION_JSON)) ? "application/json"
					: type.getType() + "/" + type.getSubtype();
			body = new String(bytes, charset);
		}
		return new Outgoing(request.getMethod().name(), path, RestFrames.decodeQuery(uri.getRawQuery()), contentType,
				body);
	}

	private Mono<Session> session(boolean waitForSocket) {
		return Mono.create((sink) -> {
			Session current;
			String closed;
			synchronized (this.monitor) {
				current = this.session;
				closed = this.closedReason;
				if (current == null && closed == null && waitForSocket) {
					this.waiting.add(sink);
				}
			}
			if (current != null) {
				sink.success(current);
			}
			else if (closed != null) {
				sink.error(new WebSocketRestException.NotSent("the " + this.socketName + " is closed (" + closed
						+ "); the call was not sent"));
			}
			else if (!waitForSocket) {
				sink.error(new WebSocketRestException.NotSent("the " + this.socketName + " is not open; the call was not sent"));
			}
			else {
				sink.onDispose(() -> this.waiting.remove(sink));
			}
		});
	}

	private Mono<RestFrames.Response> send(Session session, Outgoing outgoing, Call call) {
		return Mono.create((sink) -> {
			String requestId = Long.toString(this.requestIds.incrementAndGet());
			Pending entry = new Pending(sink, session);
			boolean open;
			// Registered under the lock that disconnected() takes to close the session: either
			// the call is failed by it, or it sees the session closed here.
			synchronized (this.monitor) {
				open = !session.closed;
				if (open) {
					this.pending.put(requestId, entry);
				}
			}
			if (!open) {
				sink.error(new WebSocketRestException.NotSent("the " + this.socketName
						+ " closed before the call was sent (" + this.lastDisconnect + "); the call was not sent"));
				return;
			}
			sink.onDispose(() -> this.pending.remove(requestId, entry));
			call.sent = true;
			String frame = outgoing.frame(requestId);
			if (logger.isTraceEnabled()) {
				logger.trace("Sending over the " + this.socketName + ": " + frame);
			}
			session.sender.send(frame).subscribe(null, (ex) -> {
				if (this.pending.remove(requestId, entry)) {
					sink.error(new WebSocketRestException.NotSent("the " + this.socketName
							+ " did not take the frame (" + ex.getMessage() + "); the call was not sent"));
				}
			});
		});
	}

	private WebSocketRestException timedOut(Call call) {
		if (!call.sent) {
			String last = this.lastDisconnect;
			return new WebSocketRestException.NotSent("no " + this.socketName + " was open within "
					+ this.timeout.toMillis() + " ms" + ((last != null) ? " (last closed: " + last + ")" : "")
					+ "; the call was not sent");
		}
		Boolean answered = this.lastProbeAnswered;
		boolean silent = answered != null && !answered;
		return new WebSocketRestException("no answer over the " + this.socketName + " within "
				+ this.timeout.toMillis() + " ms" + (silent ? "; Asterisk has not answered REST requests on it: "
						+ "REST over a WebSocket needs " + SUPPORTED_VERSIONS : ""));
	}

	/**
	 * A socket opened: calls waiting for one are sent on it, and so are later calls until it
	 * {@link #disconnected closes}.
	 * @param sender sends frames on the socket
	 */
	public void connected(WebSocketFrameSender sender) {
		Session opened = new Session(sender);
		Session previous;
		List<MonoSink<Session>> resumed;
		synchronized (this.monitor) {
			if (this.closedReason != null) {
				return;
			}
			previous = this.session;
			if (previous != null) {
				previous.closed = true;
			}
			this.session = opened;
			resumed = new ArrayList<>(this.waiting);
			this.waiting.clear();
		}
		if (previous != null) {
			failInFlight("replaced by a new socket");
		}
		resumed.forEach((sink) -> sink.success(opened));
		if (this.probeOnConnect) {
			probe(opened);
		}
	}

	/**
	 * The socket closed: every call in flight on it fails at once, as Asterisk may or may not
	 * have carried it out; later calls wait for the next socket.
	 * @param reason why, for messages
	 */
	public void disconnected(String reason) {
		Session ended;
		synchronized (this.monitor) {
			ended = this.session;
			if (ended == null) {
				return;
			}
			ended.closed = true;
			this.session = null;
			this.lastDisconnect = reason;
		}
		failInFlight(reason);
	}

	/**
	 * No socket will open again: calls in flight and calls waiting fail at once, and later
	 * calls fail without waiting.
	 * @param reason why, for messages
	 */
	public void close(String reason) {
		List<MonoSink<Session>> waiters;
		synchronized (this.monitor) {
			if (this.closedReason != null) {
				return;
			}
			this.closedReason = reason;
			Session ended = this.session;
			if (ended != null) {
				ended.closed = true;
			}
			this.session = null;
			this.lastDisconnect = reason;
			waiters = new ArrayList<>(this.waiting);
			this.waiting.clear();
		}
		failInFlight(reason);
		waiters.forEach((sink) -> sink.error(new WebSocketRestException.NotSent(
				"the " + this.socketName + " is closed (" + reason + "); the call was not sent")));
	}

	private void failInFlight(String reason) {
		int failed = 0;
		for (Map.Entry<String, Pending> entry : this.pending.entrySet()) {
			Pending call = entry.getValue();
			if (call.session.closed && this.pending.remove(entry.getKey(), call)) {
				call.sink.error(new WebSocketRestException("the " + this.socketName
						+ " closed while the call was in flight (" + reason
						+ "); Asterisk may or may not have carried it out"));
				failed++;
			}
		}
		if (failed > 0 && logger.isDebugEnabled()) {
			logger.debug(failed + " REST calls in flight over the " + this.socketName + " failed: " + reason);
		}
	}

	/**
	 * Hands over a frame of type {@code RESTResponse}, which completes the call it answers. An
	 * answer nobody waits for any more (it came after the call's time-out) is counted and
	 * logged at debug level.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 */
	public void onFrame(byte[] frame) {
		RestFrames.Response response;
		try {
			response = RestFrames.response(frame);
		}
		catch (RestFrames.MalformedFrameException ex) {
			logger.warn("Ignoring a RESTResponse frame on the " + this.socketName + " that cannot be read ("
					+ ex.getMessage() + "): " + excerpt(frame));
			return;
		}
		if (logger.isTraceEnabled()) {
			logger.trace("Received over the " + this.socketName + ": " + excerpt(frame));
		}
		if (response.requestId().isEmpty()) {
			// Asterisk could not read a frame at all, so it cannot say which: that call times out.
			logger.warn("Asterisk could not read a RESTRequest frame on the " + this.socketName + " and answered "
					+ response.status() + " " + response.reason() + " without a request id");
			return;
		}
		Pending call = this.pending.remove(response.requestId());
		if (call == null) {
			this.lateAnswers.incrementAndGet();
			if (logger.isDebugEnabled()) {
				logger.debug("Answer to REST request " + response.requestId() + " over the " + this.socketName
						+ " came after its time-out or cancellation: " + response.status() + " " + response.reason());
			}
			return;
		}
		call.session.answered = true;
		call.sink.success(response);
	}

	/**
	 * Whether a socket is open and Asterisk has answered a REST request on it.
	 * @return whether calls can go over the socket now
	 */
	public boolean isAnswering() {
		Session current = this.session;
		return current != null && current.answered;
	}

	/**
	 * The number of calls sent and not yet answered.
	 * @return the count
	 */
	public int getInFlightCount() {
		return this.pending.size();
	}

	/**
	 * The number of calls waiting for a socket.
	 * @return the count
	 */
	public int getWaitingCount() {
		return this.waiting.size();
	}

	/**
	 * The number of answers that came after their call's time-out or cancellation.
	 * @return the count
	 */
	public long getLateAnswerCount() {
		return this.lateAnswers.get();
	}

	private void probe(Session session) {
		Outgoing info = new Outgoing("GET", "asterisk/info", List.of(Map.entry("only", "system")), null, null);
		Call call = new Call();
		send(session, info, call).timeout(this.timeout).subscribe((response) -> probed(session, version(response)),
				(ex) -> {
					if (!session.closed && !session.answered) {
						probed(session, null);
					}
				});
	}

	private void probed(Session session, @Nullable String version) {
		boolean answered = session.answered;
		Boolean previous = this.lastProbeAnswered;
		this.lastProbeAnswered = answered;
		if (previous != null && previous == answered) {
			return;
		}
		if (answered) {
			logger.info(((version != null) ? "Asterisk " + version : "Asterisk") + " answers REST requests over the "
					+ this.socketName + ": REST calls use it");
		}
		else {
			String message = "Asterisk did not answer a REST request over the " + this.socketName + " within "
					+ this.timeout.toMillis() + " ms (REST over a WebSocket needs " + SUPPORTED_VERSIONS + "); ";
			if (this.httpFallback) {
				logger.info(message + "REST calls use HTTP");
			}
			else {
				logger.warn(message + "REST calls sent over it will time out");
			}
		}
	}

	private static @Nullable String version(RestFrames.Response response) {
		if (response.status() != 200 || response.body() == null) {
			return null;
		}
		try {
			JsonNode version = MAPPER.readTree(response.body()).path("system").path("version");
			return (version.isString() && !version.asString().isBlank()) ? version.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String excerpt(byte[] frame) {
		String text = new String(frame, 0, Math.min(frame.length, MAX_LOGGED_FRAME), StandardCharsets.UTF_8);
		return (frame.length > MAX_LOGGED_FRAME) ? text + "..." : text;
	}

	@Override
	public String toString() {
		return "WebSocketRestConnector[" + this.socketName + "]";
	}

	/** One open socket. */
	private static final class Session {

		private final WebSocketFrameSender sender;

		private volatile boolean closed;

		private volatile boolean answered;

		Session(WebSocketFrameSender sender) {
			this.sender = sender;
		}

	}

	/** A call sent and not yet answered. */
	private record Pending(MonoSink<RestFrames.Response> sink, Session session) {
	}

	/** What the time-out message needs to know of a call. */
	private static final class Call {

		private volatile boolean sent;

	}

	/** A request ready to go, but for its id. */
	private record Outgoing(String method, String uri, List<Map.Entry<String, String>> query,
			@Nullable String contentType, @Nullable String body) {

		String frame(String requestId) {
			return RestFrames.request(requestId, this.method, this.uri, this.query, this.contentType, this.body);
		}

	}

}
