package io.github.arispring.listener;

import java.net.URI;
import java.util.List;

import org.springframework.context.ApplicationEvent;

/**
 * The events WebSocket connected, at start-up or after a reconnection. Events raised while
 * it was down are lost (Asterisk does not queue them), so an application that keeps state
 * about calls should resynchronise here, for example with {@code ari.channels().list()}.
 * Published off the socket reader, so listeners may make blocking calls.
 */
public class AriConnectedEvent extends ApplicationEvent {

	private final URI uri;

	private final List<String> applications;

	private final boolean reconnect;

	private final AriEventSource eventSource;

	/**
	 * Creates an event of the default server.
	 * @param source the listener container
	 * @param uri the events URL, without query
	 * @param applications the registered applications
	 * @param reconnect whether an earlier connection existed
	 */
	public AriConnectedEvent(Object source, URI uri, List<String> applications, boolean reconnect) {
		this(source, uri, applications, reconnect, AriEventSource.withoutClients(AriEventSource.DEFAULT_NAME));
	}

	/**
	 * Creates an event.
	 * @param source the listener container
	 * @param uri the events URL, without query
	 * @param applications the registered applications
	 * @param reconnect whether an earlier connection existed
	 * @param eventSource the server that connected, with its clients
	 */
	public AriConnectedEvent(Object source, URI uri, List<String> applications, boolean reconnect,
			AriEventSource eventSource) {
		super(source);
		this.uri = uri;
		this.applications = List.copyOf(applications);
		this.reconnect = reconnect;
		this.eventSource = eventSource;
	}

	/**
	 * The name of the server that connected: {@code default} for {@code ari.url}, the name
	 * under {@code ari.servers} otherwise.
	 * @return the server's name
	 */
	public String getServer() {
		return this.eventSource.name();
	}

	/**
	 * The server that connected, with its clients: resynchronise with these, as events of
	 * this server carry them.
	 * @return the server
	 */
	public AriEventSource getEventSource() {
		return this.eventSource;
	}

	/**
	 * The events URL, without query.
	 * @return the URL
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * The registered applications.
	 * @return the application names
	 */
	public List<String> getApplications() {
		return this.applications;
	}

	/**
	 * Whether this connection follows an earlier one, so that events may have been missed.
	 * @return {@code true} after a reconnection
	 */
	public boolean isReconnect() {
		return this.reconnect;
	}

}
