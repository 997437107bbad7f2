package io.github.arispring.outbound;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.listener.AriApplicationNames;
import io.github.arispring.listener.AriEventSource;

/**
 * One WebSocket that Asterisk opened to the application: persistent (one per application,
 * kept open and reopened by Asterisk) or per call ({@code connection_type = per_call_config},
 * one per call, whose application name is {@code <app>:<channel name>}). Its events reach
 * the handlers with this connection's {@link #source() source}, whose clients send their REST
 * calls back over this socket as {@code RESTRequest} frames.
 */
public final class AriOutboundConnection {

	private final String id;

	private final WebSocketSession session;

	private final Instant openedAt = Instant.now();

	private final @Nullable String remoteAddress;

	private final AriEventSource source;

	private final OutboundRest rest;

	private final Set<String> applications = ConcurrentHashMap.newKeySet();

	private volatile @Nullable String application;

	private volatile @Nullable String channelId;

	private volatile boolean open = true;

	private volatile @Nullable CloseReason closingReason;

	AriOutboundConnection(String id, WebSocketSession session, AriOutboundClients clients, OutboundRest rest) {
		this.id = id;
		this.session = session;
		InetSocketAddress remote = session.getHandshakeInfo().getRemoteAddress();
		this.remoteAddress = (remote != null) ? remote.getHostString() : null;
		this.rest = rest;
		this.source = AriEventSource.of("outbound-" + id, () -> clients.client(this),
				() -> clients.reactiveClient(this));
	}

	/**
	 * The connection's id, unique within the application's run.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The application as Asterisk names it: the first application of the connection's
	 * frames, {@code <app>:<channel name>} for a per-call connection.
	 * @return the name, or {@code null} before the first frame that names one
	 */
	public @Nullable String application() {
		return this.application;
	}

	/**
	 * The configured application: {@code <app>} of a per-call name.
	 * @return the name, or {@code null} before the first frame that names one
	 */
	public @Nullable String baseApplication() {
		return AriApplicationNames.baseName(this.application);
	}

	/**
	 * Whether this is a per-call connection (its application name carries a channel name).
	 * @return {@code true} for a per-call connection
	 */
	public boolean isPerCall() {
		return channelName() != null;
	}

	/**
	 * The name of the channel a per-call connection is for.
	 * @return the channel name, or {@code null} for a persistent connection
	 */
	public @Nullable String channelName() {
		return AriApplicationNames.channelName(this.application);
	}

	/**
	 * The id of the channel a per-call connection is for, once an event about it arrived.
	 * @return the channel id, or {@code null}
	 */
	public @Nullable String channelId() {
		return this.channelId;
	}

	/**
	 * The applications this connection currently carries events for.
	 * @return the names, as Asterisk sends them
	 */
	public Set<String> applications() {
		return Set.copyOf(this.applications);
	}

	/**
	 * When Asterisk opened the connection.
	 * @return the time
	 */
	public Instant openedAt() {
		return this.openedAt;
	}

	/**
	 * The address Asterisk (or the load balancer in front of the application) connected from.
	 * @return the address, or {@code null} if unknown
	 */
	public @Nullable String remoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * Whether the socket is still open.
	 * @return {@code true} until it closes
	 */
	public boolean isOpen() {
		return this.open;
	}

	/**
	 * The source the connection's events carry.
	 * @return the source
	 */
	public AriEventSource source() {
		return this.source;
	}

	/**
	 * The blocking client whose calls go over this socket. Do not call it on an event-loop
	 * thread.
	 * @return the client
	 */
	public AriClient client() {
		return this.source.client();
	}

	/**
	 * The reactive client whose calls go over this socket.
	 * @return the client
	 */
	public ReactiveAriClient reactiveClient() {
		return this.source.reactiveClient();
	}

	/**
	 * Closes the socket with {@code 1001 Going Away}; Asterisk reopens a persistent one.
	 * @return completes when the close frame is sent
	 */
	public Mono<Void> close() {
		return close(CloseReason.CLOSED);
	}

	Mono<Void> close(CloseReason reason) {
		if (this.closingReason == null) {
			this.closingReason = reason;
		}
		return this.session.close(CloseStatus.GOING_AWAY);
	}

	@Nullable CloseReason closingReason() {
		return this.closingReason;
	}

	OutboundRest rest() {
		return this.rest;
	}

	WebSocketSession session() {
		return this.session;
	}

	/**
	 * Notes what a frame says about the connection's applications and channel.
	 * @return {@code true} if this frame named the connection's first application
	 */
	boolean seen(String type, @Nullable String frameApplication, @Nullable String frameChannelId) {
		boolean first = false;
		if (frameApplication != null) {
			if (this.application == null) {
				synchronized (this) {
					if (this.application == null) {
						this.application = frameApplication;
						first = true;
					}
				}
			}
			if ("ApplicationUnregistered".equals(type) || "ApplicationReplaced".equals(type)) {
				this.applications.remove(frameApplication);
			}
			else {
				this.applications.add(frameApplication);
			}
		}
		if (frameChannelId != null && this.channelId == null && isPerCall()) {
			this.channelId = frameChannelId;
		}
		return first;
	}

	void closed() {
		this.open = false;
		this.applications.clear();
	}

	@Override
	public String toString() {
		return "AriOutboundConnection[" + this.id + ((this.application != null) ? ", " + this.application : "")
				+ "]";
	}

	/**
	 * Why a connection ended: a bounded set, the values of the {@code reason} tag of
	 * {@code ari.outbound.connections.closed}.
	 */
	public enum CloseReason {

		/** Asterisk closed it with {@code 1000}, as it does about 3.5 s after a call's StasisEnd. */
		NORMAL("normal"),

		/** Asterisk closed it with {@code 1001} (Asterisk shutting down or reloading). */
		GOING_AWAY("going-away"),

		/** It ended without a close frame or with an error code (network, crash). */
		ABNORMAL("abnormal"),

		/** The application closed it ({@link AriOutboundConnection#close()}). */
		CLOSED("closed"),

		/** The application closed it while shutting down. */
		SHUTDOWN("shutdown");

		private final String tag;

		CloseReason(String tag) {
			this.tag = tag;
		}

		/**
		 * The value of the {@code reason} tag.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}
