package io.github.arispring.outbound;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventReader;
import io.github.arispring.listener.AriListenerMetrics;

/**
 * The WebSocket endpoint Asterisk connects to ({@code type = outbound_websocket} in
 * {@code ari.conf}). Checks the upgrade request (credentials when configured, {@code 503}
 * while the application stops), accepts the {@code ari} subprotocol, and feeds every frame
 * into the same {@link AriEventDispatcher} as the events listener: the same handlers, order
 * per channel, meters and observations. Each connection's events carry the connection's own
 * source, whose clients send REST calls back over the socket; {@code RESTResponse} frames
 * complete those calls and do not reach handlers.
 */
public class AriOutboundEndpoint implements WebHandler {

	/** The WebSocket subprotocol Asterisk asks for. */
	public static final String SUBPROTOCOL = "ari";

	private static final Log logger = LogFactory.getLog(AriOutboundEndpoint.class);

	private static final String REALM = "Basic realm=\"Asterisk REST Interface\"";

	private static final Duration CLOSE_STATUS_WAIT = Duration.ofSeconds(1);

	private final AriOutboundConnections connections;

	private final AriEventDispatcher dispatcher;

	private final WebSocketService webSocketService;

	private final AriOutboundClients clients;

	private final @Nullable AriOutboundCredentials credentials;

	private final AriEventReader reader = new AriEventReader();

	private final WebSocketHandler socketHandler = new SocketHandler();

	private volatile AriListenerMetrics listenerMetrics = AriListenerMetrics.NONE;

	private volatile AriOutboundMetrics metrics = AriOutboundMetrics.NONE;

	private volatile Duration responseTimeout = Duration.ofSeconds(30);

	/**
	 * Creates an endpoint.
	 * @param connections the registry of open connections
	 * @param dispatcher hands events to handlers
	 * @param webSocketService performs the upgrade
	 * @param clients makes the connections' clients
	 * @param credentials what Asterisk must send, or {@code null} to accept any upgrade
	 */
	public AriOutboundEndpoint(AriOutboundConnections connections, AriEventDispatcher dispatcher,
			WebSocketService webSocketService, AriOutboundClients clients, @Nullable AriOutboundCredentials credentials) {
		this.connections = connections;
		this.dispatcher = dispatcher;
		this.webSocketService = webSocketService;
		this.clients = clients;
		this.credentials = credentials;
	}

	public void setListenerMetrics(AriListenerMetrics listenerMetrics) {
		this.listenerMetrics = listenerMetrics;
	}

	public void setMetrics(AriOutboundMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Sets the longest a REST call over a connection may take before it fails; 30 s by default.
	 * @param responseTimeout the time-out
	 */
	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		if (!this.connections.isAccepting()) {
			this.metrics.connectionRefused("unavailable");
			return refuse(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, null);
		}
		AriOutboundCredentials credentials = this.credentials;
		if (credentials != null
				&& !credentials.matches(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
			this.metrics.connectionRefused("unauthorized");
			boolean sent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
			logger.warn("Refused an outbound ARI WebSocket from " + exchange.getRequest().getRemoteAddress() + ": "
					+ (sent ? "wrong credentials" : "no credentials") + " (expected user '" + credentials.getUsername()
					+ "' of ari.outbound.username and ari.outbound.password; check username and password of the "
					+ "client in Asterisk's websocket_client.conf)");
			return refuse(exchange.getResponse(), HttpStatus.UNAUTHORIZED, REALM);
		}
		return this.webSocketService.handleRequest(exchange, this.socketHandler);
	}

	private static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status, @Nullable String authenticate) {
		response.setStatusCode(status);
		if (authenticate != null) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, authenticate);
		}
		else {
			// Ask the client not to come back to this instance: it is going away.
			response.getHeaders().set(HttpHeaders.CONNECTION, "close");
		}
		return response.setComplete();
	}

	private Mono<Void> session(WebSocketSession session) {
		String id = this.connections.nextId();
		OutboundRest rest = new OutboundRest("outbound WebSocket " + id, this.responseTimeout);
		AriOutboundConnection connection = new AriOutboundConnection(id, session, this.clients, rest);
		this.connections.opened(connection);
		this.metrics.connectionOpened();
		if (logger.isDebugEnabled()) {
			logger.debug("Outbound ARI WebSocket " + connection.id() + " opened from " + connection.remoteAddress());
		}
		Mono<Void> input = session.receive().doOnNext((message) -> onMessage(connection, message)).then();
		Mono<Void> output = session.send(rest.frames().map(session::textMessage));
		return Mono.firstWithSignal(input, output)
			.onErrorResume((ex) -> Mono.empty())
			.then(Mono.defer(() -> closeStatus(session)))
			.doOnNext((status) -> ended(connection, reason(connection, status)))
			.then();
	}

	private static Mono<CloseStatus> closeStatus(WebSocketSession session) {
		return session.closeStatus()
			.timeout(CLOSE_STATUS_WAIT, Mono.empty())
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(CloseStatus.NO_CLOSE_FRAME);
	}

	private static AriOutboundConnection.CloseReason reason(AriOutboundConnection connection, CloseStatus status) {
		AriOutboundConnection.CloseReason own = connection.closingReason();
		if (own != null) {
			return own;
		}
		if (status.getCode() == CloseStatus.NORMAL.getCode()) {
			return AriOutboundConnection.CloseReason.NORMAL;
		}
		if (status.getCode() == CloseStatus.GOING_AWAY.getCode()) {
			return AriOutboundConnection.CloseReason.GOING_AWAY;
		}
		return AriOutboundConnection.CloseReason.ABNORMAL;
	}

	private void ended(AriOutboundConnection connection, AriOutboundConnection.CloseReason reason) {
		connection.rest().closed("the outbound WebSocket closed (" + reason.tag() + ")");
		this.connections.closed(connection, reason);
		this.metrics.connectionClosed(reason);
		if (logger.isDebugEnabled()) {
			logger.debug("Outbound ARI WebSocket " + connection + " closed (" + reason.tag() + ")");
		}
	}

	private void onMessage(AriOutboundConnection connection, WebSocketMessage message) {
		AriEventReader.Frame taken = this.reader.take(message, this.listenerMetrics, connection.id());
		if (taken == null) {
			return;
		}
		byte[] frame = taken.bytes();
		AriEventReader.FrameHeader header = taken.header();
		if ("RESTResponse".equals(header.type())) {
			connection.rest().onResponse(frame);
			return;
		}
		String knownChannel = connection.channelId();
		if (connection.seen(header.type(), header.application(), channelId(header.keys()))) {
			this.connections.identified(connection);
		}
		String channelId = connection.channelId();
		if (knownChannel == null && channelId != null) {
			this.connections.channelIdentified(connection, channelId);
		}
		AriEventReader.countEvent(header, this.listenerMetrics);
		if ("ApplicationReplaced".equals(header.type())) {
			logger.warn("Stasis application '" + header.application() + "' on outbound connection " + connection.id()
					+ " was replaced: Asterisk now sends its events elsewhere");
		}
		this.dispatcher.dispatch(header, frame, this.reader, connection.source());
	}

	private static @Nullable String channelId(List<String> keys) {
		for (String key : keys) {
			if (key.startsWith("channel:")) {
				return key.substring("channel:".length());
			}
		}
		return null;
	}

	/** Accepts the {@code ari} subprotocol and runs a connection. */
	private final class SocketHandler implements WebSocketHandler {

		@Override
		public List<String> getSubProtocols() {
			return List.of(SUBPROTOCOL);
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session(session);
		}

	}

}
