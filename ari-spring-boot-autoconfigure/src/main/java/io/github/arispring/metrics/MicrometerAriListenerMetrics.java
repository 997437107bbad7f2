package io.github.arispring.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.github.arispring.listener.AriListenerMetrics;

/**
 * {@link AriListenerMetrics} as Micrometer meters:
 * <ul>
 * <li>{@code ari.events.received}: counter, tags {@code type} and {@code application};</li>
 * <li>{@code ari.events.dropped}: counter, tags {@code type} and {@code application};</li>
 * <li>{@code ari.events.rejected}: counter, tag {@code reason};</li>
 * <li>{@code ari.events.failed}: counter of handler failures, tags {@code type},
 * {@code application} and {@code handler};</li>
 * <li>{@code ari.websocket.connected}: gauge, 1 while the events WebSocket is open, else 0;</li>
 * <li>{@code ari.websocket.reconnects}: counter.</li>
 * </ul>
 * Called on the socket reader, so each call is a map look-up and an atomic add: counters
 * are created once per tag value and cached. Tag values are bounded sets (event types,
 * configured applications); as a guard against a misbehaving peer, values beyond
 * {@value #MAX_TAG_VALUES} distinct ones per meter are counted under {@code other}.
 * <p>
 * Every meter also has the tag {@code server}: the name of the Asterisk server whose events
 * it counts ({@code default} for {@code ari.url}, else its name under {@code ari.servers});
 * {@link #forServer(String)} gives the metrics of another server, with its own meters.
 */
public class MicrometerAriListenerMetrics implements AriListenerMetrics {

	/** The largest number of distinct tag values (or pairs of them) per meter. */
	public static final int MAX_TAG_VALUES = 1000;

	static final String NONE = "none";

	static final String OTHER = "other";

	/** The {@code server} tag when none is given. */
	public static final String DEFAULT_SERVER = "default";

	private final MeterRegistry registry;

	private final String server;

	private final ConcurrentMap<String, MicrometerAriListenerMetrics> servers;

	private final ConcurrentMap<String, ConcurrentMap<String, Counter>> received = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, ConcurrentMap<String, Counter>> dropped = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> failed = new ConcurrentHashMap<>();

	private final AtomicInteger receivedCount = new AtomicInteger();

	private final AtomicInteger droppedCount = new AtomicInteger();

	private final AtomicInteger connected = new AtomicInteger();

	private final Counter reconnects;

	/**
	 * Creates the meters that exist from the start (connection state and reconnects) in
	 * the given registry; the others appear with their first event.
	 * @param registry the registry
	 */
	public MicrometerAriListenerMetrics(MeterRegistry registry) {
		this(registry, DEFAULT_SERVER);
	}

	/**
	 * Creates the meters of the given server that exist from the start (connection state and
	 * reconnects) in the given registry; the others appear with their first event.
	 * @param registry the registry
	 * @param server the {@code server} tag
	 */
	public MicrometerAriListenerMetrics(MeterRegistry registry, String server) {
		this(registry, server, new ConcurrentHashMap<>());
	}

	private MicrometerAriListenerMetrics(MeterRegistry registry, String server,
			ConcurrentMap<String, MicrometerAriListenerMetrics> servers) {
		this.registry = registry;
		this.server = server;
		this.servers = servers;
		servers.put(server, this);
		Gauge.builder("ari.websocket.connected", this.connected, AtomicInteger::get)
			.description("Whether the ARI events WebSocket is connected (1) or not (0)")
			.tag("server", server)
			.strongReference(true)
			.register(registry);
		this.reconnects = Counter.builder("ari.websocket.reconnects")
			.description("Attempts to reconnect the ARI events WebSocket after a failure or a disconnect")
			.tag("server", server)
			.register(registry);
	}

	/**
	 * The metrics of another server, sharing this registry; made once per server.
	 * @param server the server's name
	 * @return its metrics
	 */
	@Override
	public MicrometerAriListenerMetrics forServer(String server) {
		MicrometerAriListenerMetrics metrics = this.servers.get(server);
		if (metrics != null) {
			return metrics;
		}
		synchronized (this.servers) {
			metrics = this.servers.get(server);
			return (metrics != null) ? metrics : new MicrometerAriListenerMetrics(this.registry, server, this.servers);
		}
	}

	@Override
	public void eventReceived(String type, @Nullable String application) {
		counter(this.received, this.receivedCount, "ari.events.received",
				"ARI events read from the WebSocket and decoded", type, application)
			.increment();
	}

	@Override
	public void eventDropped(String type, @Nullable String application) {
		counter(this.dropped, this.droppedCount, "ari.events.dropped",
				"ARI events not delivered to handlers because the dispatch queue was full", type, application)
			.increment();
	}

	@Override
	public void frameRejected(String reason) {
		String tag = tag(reason);
		Counter counter = this.rejected.get(tag);
		if (counter == null) {
			if (this.rejected.size() >= MAX_TAG_VALUES) {
				tag = OTHER;
			}
			counter = this.rejected.computeIfAbsent(tag, (value) -> Counter.builder("ari.events.rejected")
				.description("ARI WebSocket frames that could not be decoded or have an undeclared type")
				.tag("reason", value)
				.tag("server", this.server)
				.register(this.registry));
		}
		counter.increment();
	}

	@Override
	public void handlerFailed(String type, @Nullable String application, String handler) {
		String key = tag(application) + '\n' + tag(type) + '\n' + tag(handler);
		Counter counter = this.failed.get(key);
		if (counter == null) {
			boolean full = this.failed.size() >= MAX_TAG_VALUES;
			counter = this.failed.computeIfAbsent(full ? OTHER : key, (ignored) -> Counter.builder("ari.events.failed")
				.description("ARI event handler invocations that threw or signalled an error")
				.tag("type", full ? OTHER : tag(type))
				.tag("application", full ? OTHER : tag(application))
				.tag("handler", full ? OTHER : tag(handler))
				.tag("server", this.server)
				.register(this.registry));
		}
		counter.increment();
	}

	@Override
	public void connectionChanged(boolean connected) {
		this.connected.set(connected ? 1 : 0);
	}

	@Override
	public void reconnectAttempted() {
		this.reconnects.increment();
	}

	private Counter counter(ConcurrentMap<String, ConcurrentMap<String, Counter>> counters, AtomicInteger count,
			String name, String description, @Nullable String type, @Nullable String application) {
		String typeTag = tag(type);
		String applicationTag = tag(application);
		ConcurrentMap<String, Counter> byType = counters.get(applicationTag);
		Counter counter = (byType != null) ? byType.get(typeTag) : null;
		if (counter != null) {
			return counter;
		}
		// First event of this kind: register once. Past the limit, fold new pairs into "other".
		if (count.get() >= MAX_TAG_VALUES) {
			typeTag = OTHER;
			applicationTag = OTHER;
		}
		String finalType = typeTag;
		String finalApplication = applicationTag;
		return counters.computeIfAbsent(applicationTag, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(typeTag, (key) -> {
				count.incrementAndGet();
				return Counter.builder(name)
					.description(description)
					.tag("type", finalType)
					.tag("application", finalApplication)
					.tag("server", this.server)
					.register(this.registry);
			});
	}

	private static String tag(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : NONE;
	}

}
