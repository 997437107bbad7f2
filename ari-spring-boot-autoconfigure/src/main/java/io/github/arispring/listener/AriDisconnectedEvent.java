package io.github.arispring.listener;

import org.springframework.context.ApplicationEvent;

/**
 * The events WebSocket closed or failed; the listener reconnects unless it is stopping.
 * Published off the socket reader.
 */
public class AriDisconnectedEvent extends ApplicationEvent {

	private final String reason;

	private final boolean stopping;

	private final String server;

	/**
	 * Creates an event of the default server.
	 * @param source the listener container
	 * @param reason why the connection ended
	 * @param stopping whether the listener is stopping, so no reconnection follows
	 */
	public AriDisconnectedEvent(Object source, String reason, boolean stopping) {
		this(source, reason, stopping, AriEventSource.DEFAULT_NAME);
	}

	/**
	 * Creates an event.
	 * @param source the listener container
	 * @param reason why the connection ended
	 * @param stopping whether the listener is stopping, so no reconnection follows
	 * @param server the name of the server whose connection ended
	 */
	public AriDisconnectedEvent(Object source, String reason, boolean stopping, String server) {
		super(source);
		this.reason = reason;
		this.stopping = stopping;
		this.server = server;
	}

	/**
	 * The name of the server whose connection ended: {@code default} for {@code ari.url}, the
	 * name under {@code ari.servers} otherwise.
	 * @return the server's name
	 */
	public String getServer() {
		return this.server;
	}

	/**
	 * Why the connection ended.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Whether the listener is stopping.
	 * @return {@code true} if no reconnection follows
	 */
	public boolean isStopping() {
		return this.stopping;
	}

}
