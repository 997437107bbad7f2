package io.github.arispring.listener;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.util.function.SingletonSupplier;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.ReactiveAriClient;

/**
 * Where an event came from: the Asterisk server, or the connection Asterisk opened, that
 * sent it, with the clients that reach that same Asterisk. A handler's {@link AriClient} and
 * {@link ReactiveAriClient} parameters are the clients of the event's source, so that a REST
 * call made about an event always reaches the Asterisk that owns its channel. Events of
 * different sources never share an ordering lane: the same channel id on two servers is two
 * channels.
 */
public final class AriEventSource {

	/** The name of the server configured with {@code ari.url}. */
	public static final String DEFAULT_NAME = "default";

	private final String name;

	private final Supplier<AriClient> client;

	private final Supplier<ReactiveAriClient> reactiveClient;

	private AriEventSource(String name, Supplier<AriClient> client, Supplier<ReactiveAriClient> reactiveClient) {
		this.name = Objects.requireNonNull(name, "name");
		this.client = SingletonSupplier.of(client);
		this.reactiveClient = SingletonSupplier.of(reactiveClient);
	}

	/**
	 * Creates a source whose clients are looked up when first asked for, so that a source can
	 * be made before the clients exist (as beans of one context are).
	 * @param name the source's name, such as the server's name
	 * @param client supplies the blocking client
	 * @param reactiveClient supplies the reactive client
	 * @return the source
	 */
	public static AriEventSource of(String name, Supplier<AriClient> client, Supplier<ReactiveAriClient> reactiveClient) {
		return new AriEventSource(name, client, reactiveClient);
	}

	/**
	 * A source without clients, for dispatch that makes no REST calls (tests, benchmarks):
	 * asking it for a client fails with a message that says so.
	 * @param name the source's name
	 * @return the source
	 */
	public static AriEventSource withoutClients(String name) {
		return new AriEventSource(name, () -> {
			throw new IllegalStateException("ARI event source '" + name + "' has no client");
		}, () -> {
			throw new IllegalStateException("ARI event source '" + name + "' has no client");
		});
	}

	/**
	 * The source's name: the server's name ({@value #DEFAULT_NAME} for {@code ari.url}).
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The blocking client of the Asterisk that sent the event.
	 * @return the client
	 */
	public AriClient client() {
		return this.client.get();
	}

	/**
	 * The reactive client of the Asterisk that sent the event.
	 * @return the client
	 */
	public ReactiveAriClient reactiveClient() {
		return this.reactiveClient.get();
	}

	/**
	 * The ordering lane of a key within this source: equal for sources of the same name.
	 * @param key an ordering key, such as {@code channel:1795836578.1}
	 * @return the lane
	 */
	Object lane(String key) {
		return new Lane(this.name, key);
	}

	@Override
	public String toString() {
		return "AriEventSource[" + this.name + "]";
	}

	/** A lane: a key within a source, without the string a prefix would build for every event. */
	private record Lane(String source, String key) {
	}

}
