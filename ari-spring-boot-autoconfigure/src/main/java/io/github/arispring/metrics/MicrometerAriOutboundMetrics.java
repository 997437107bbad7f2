package io.github.arispring.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.github.arispring.outbound.AriOutboundConnection.CloseReason;
import io.github.arispring.outbound.AriOutboundMetrics;

/**
 * {@link AriOutboundMetrics} as Micrometer meters:
 * <ul>
 * <li>{@code ari.outbound.connections.active}: gauge of the connections open now;</li>
 * <li>{@code ari.outbound.connections.opened}: counter of accepted connections;</li>
 * <li>{@code ari.outbound.connections.closed}: counter, tag {@code reason} ({@code normal},
 * {@code going-away}, {@code abnormal}, {@code closed}, {@code shutdown});</li>
 * <li>{@code ari.outbound.connections.refused}: counter of upgrade requests answered without
 * a WebSocket, tag {@code reason} ({@code unauthorized}, {@code unavailable}).</li>
 * </ul>
 * {@code opened - closed = active} at all times.
 */
public class MicrometerAriOutboundMetrics implements AriOutboundMetrics {

	private final MeterRegistry registry;

	private final AtomicInteger active = new AtomicInteger();

	private final Counter opened;

	private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);

	private final Map<String, Counter> refused = new ConcurrentHashMap<>();

	/**
	 * Creates the meters in the given registry.
	 * @param registry the registry
	 */
	public MicrometerAriOutboundMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("ari.outbound.connections.active", this.active, AtomicInteger::get)
			.description("Outbound ARI WebSockets (opened by Asterisk) open now")
			.strongReference(true)
			.register(registry);
		this.opened = Counter.builder("ari.outbound.connections.opened")
			.description("Outbound ARI WebSockets Asterisk opened to the application")
			.register(registry);
		for (CloseReason reason : CloseReason.values()) {
			this.closed.put(reason, Counter.builder("ari.outbound.connections.closed")
				.description("Outbound ARI WebSockets that ended, by reason")
				.tag("reason", reason.tag())
				.register(registry));
		}
	}

	@Override
	public void connectionOpened() {
		this.active.incrementAndGet();
		this.opened.increment();
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		this.active.decrementAndGet();
		this.closed.get(reason).increment();
	}

	@Override
	public void connectionRefused(String reason) {
		this.refused.computeIfAbsent(reason, (tag) -> Counter.builder("ari.outbound.connections.refused")
			.description("Upgrade requests to the outbound ARI endpoint answered without a WebSocket, by reason")
			.tag("reason", tag)
			.register(this.registry)).increment();
	}

}
