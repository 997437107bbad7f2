package io.github.arispring.server;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.listener.AriConnectionState;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriEventSource;

/**
 * One Asterisk server: its name, the event source its events carry (whose clients reach it),
 * the state of its events WebSocket, its REST connection pool, and its {@code asterisk_id}
 * once known.
 */
public final class AriServer {

	private final AriEventSource source;

	private final @Nullable AriConnectionState connectionState;

	private final @Nullable AriConnectionPool connectionPool;

	private volatile @Nullable String asteriskId;

	/**
	 * Creates a server.
	 * @param source the source its events carry; its name is the server's name
	 * @param connectionState the state of its events WebSocket, or {@code null} if it has none
	 * @param connectionPool its REST connection pool, or {@code null} if unknown
	 */
	public AriServer(AriEventSource source, @Nullable AriConnectionState connectionState,
			@Nullable AriConnectionPool connectionPool) {
		this.source = Objects.requireNonNull(source, "source");
		this.connectionState = connectionState;
		this.connectionPool = connectionPool;
	}

	/**
	 * The listener of the server's events WebSocket: start it when the server's
	 * {@code listener.auto-startup} is {@code false}, or stop and start it again.
	 * @return the listener, or {@code null} if the server's connection state is not the
	 * starter's listener (or it has no events WebSocket)
	 */
	public @Nullable AriEventListenerContainer listener() {
		return (this.connectionState instanceof AriEventListenerContainer container) ? container : null;
	}

	/**
	 * The server's name: {@value AriEventSource#DEFAULT_NAME} for {@code ari.url}, else its
	 * key under {@code ari.servers}.
	 * @return the name
	 */
	public String name() {
		return this.source.name();
	}

	/**
	 * The source that this server's events carry.
	 * @return the source
	 */
	public AriEventSource source() {
		return this.source;
	}

	/**
	 * The blocking client of this server.
	 * @return the client
	 */
	public AriClient client() {
		return this.source.client();
	}

	/**
	 * The reactive client of this server.
	 * @return the client
	 */
	public ReactiveAriClient reactiveClient() {
		return this.source.reactiveClient();
	}

	/**
	 * The state of this server's events WebSocket.
	 * @return the state, or {@code null} if the server has no events listener
	 */
	public @Nullable AriConnectionState connectionState() {
		return this.connectionState;
	}

	/**
	 * The pool of this server's REST connections.
	 * @return the pool, or {@code null} if unknown
	 */
	public @Nullable AriConnectionPool connectionPool() {
		return this.connectionPool;
	}

	/**
	 * The server's {@code asterisk_id} ({@code entity_id} of {@code /asterisk/info}): learned
	 * when its events WebSocket connects, or from its events.
	 * @return the id, or {@code null} while unknown
	 */
	public @Nullable String asteriskId() {
		return this.asteriskId;
	}

	void asteriskId(String asteriskId) {
		this.asteriskId = asteriskId;
	}

	@Override
	public String toString() {
		return "AriServer[" + name() + ((this.asteriskId != null) ? ", " + this.asteriskId : "") + "]";
	}

}
