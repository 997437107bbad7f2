package io.github.arispring.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.arispring.client.ReactiveAsteriskApi;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriConnectionState;
import io.github.arispring.model.AsteriskInfo;
import io.github.arispring.model.SystemInfo;
import io.github.arispring.outbound.AriOutboundConnections;

/**
 * Health of the connection to Asterisk. {@code UP} when the events WebSocket is connected
 * and {@code GET /asterisk/info} answers in time, with details {@code version},
 * {@code entityId} and {@code applications}; {@code DOWN} with a {@code reason} otherwise:
 * the WebSocket's last failure, or the REST error. Reactive, so no thread waits for
 * Asterisk.
 * <p>
 * With {@linkplain #setOutbound outbound connections} (Asterisk connecting to the
 * application), the detail {@code outbound} lists the open connections and the state of each
 * persistent application, and the health is {@code DOWN} when a persistent application has
 * had no connection for longer than the allowed time. An application that only accepts
 * outbound connections (no {@code ari.url}) reports them alone.
 */
public class AriHealthIndicator extends AbstractReactiveHealthIndicator {

	/** The time allowed for Asterisk's answer when none is given. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final @Nullable AriConnectionState connectionState;

	private final @Nullable ReactiveAsteriskApi asterisk;

	private final Duration timeout;

	private @Nullable AriOutboundConnections outbound;

	private Duration outboundGracePeriod = Duration.ofSeconds(30);

	private final @Nullable AriApplicationTakeover takeover;

	/**
	 * Creates an indicator that allows {@link #DEFAULT_TIMEOUT} for Asterisk's answer.
	 * @param connectionState the state of the events WebSocket
	 * @param asterisk the client for {@code /asterisk/info}
	 */
	public AriHealthIndicator(AriConnectionState connectionState, ReactiveAsteriskApi asterisk) {
		this(connectionState, asterisk, DEFAULT_TIMEOUT);
	}

	/**
	 * Creates an indicator.
	 * @param connectionState the state of the events WebSocket, or {@code null} if the
	 * application only accepts outbound connections
	 * @param asterisk the client for {@code /asterisk/info}, or {@code null} if the
	 * application only accepts outbound connections
	 * @param timeout the time allowed for Asterisk's answer
	 */
	public AriHealthIndicator(@Nullable AriConnectionState connectionState, @Nullable ReactiveAsteriskApi asterisk,
			Duration timeout) {
		this(connectionState, asterisk, timeout, null);
	}

	/**
	 * Creates an indicator that also shows the applications in standby, with the reason, under
	 * {@code standby}. Standby leaves the status {@code UP}: another instance serves the
	 * application, and restarting this one would not help.
	 * @param connectionState the state of the events WebSocket, or {@code null} if the
	 * application only accepts outbound connections
	 * @param asterisk the client for {@code /asterisk/info}, or {@code null} if the
	 * application only accepts outbound connections
	 * @param timeout the time allowed for Asterisk's answer
	 * @param takeover the applications in standby, or {@code null}
	 */
	public AriHealthIndicator(@Nullable AriConnectionState connectionState, @Nullable ReactiveAsteriskApi asterisk,
			Duration timeout, @Nullable AriApplicationTakeover takeover) {
		super("ARI health check failed");
		this.connectionState = connectionState;
		this.asterisk = asterisk;
		this.timeout = timeout;
		this.takeover = takeover;
	}

	/**
	 * Reports the outbound connections too.
	 * @param outbound the open outbound connections
	 * @param gracePeriod how long a persistent application may be without a connection
	 * before the health is {@code DOWN}
	 */
	public void setOutbound(@Nullable AriOutboundConnections outbound, Duration gracePeriod) {
		this.outbound = outbound;
		this.outboundGracePeriod = gracePeriod;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		String outboundProblem = outbound(builder);
		if (this.connectionState == null || this.asterisk == null) {
			return Mono.just((outboundProblem != null) ? builder.down().withDetail("reason", outboundProblem).build()
					: builder.up().build());
		}
		if (outboundProblem != null) {
			return Mono.just(down(builder, outboundProblem));
		}
		// Without applications nothing listens for events (a REST-only application): only REST counts.
		if (!this.connectionState.isConnected() && !this.connectionState.getApplications().isEmpty()) {
			String failure = this.connectionState.getLastFailure();
			return Mono.just(down(builder, (failure != null) ? failure : "The events WebSocket is not connected"));
		}
		return this.asterisk.getInfo()
			.timeout(this.timeout)
			.map((info) -> up(builder, info))
			.switchIfEmpty(Mono.fromSupplier(() -> down(builder, "GET /asterisk/info answered without a body")))
			.onErrorResume((ex) -> Mono.just(down(builder, reason(ex))));
	}

	/**
	 * Adds the outbound details.
	 * @return why the health is down, or {@code null}
	 */
	private @Nullable String outbound(Health.Builder builder) {
		AriOutboundConnections outbound = this.outbound;
		if (outbound == null) {
			return null;
		}
		String problem = null;
		Instant now = Instant.now();
		Map<String, Object> applications = new LinkedHashMap<>();
		for (Map.Entry<String, @Nullable Instant> entry : outbound.getPersistentState().entrySet()) {
			Instant since = entry.getValue();
			if (since == null) {
				applications.put(entry.getKey(), "connected");
				continue;
			}
			Duration without = Duration.between(since, now);
			applications.put(entry.getKey(), "no connection for " + without.toSeconds() + " s");
			if (problem == null && without.compareTo(this.outboundGracePeriod) > 0) {
				problem = "Asterisk has not connected outbound application '" + entry.getKey() + "' for "
						+ without.toSeconds() + " s (allowed: " + this.outboundGracePeriod.toSeconds()
						+ " s, ari.outbound.persistent-grace-period): check the outbound_websocket in ari.conf and its "
						+ "client in websocket_client.conf";
			}
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("connections", outbound.getActiveCount());
		details.put("accepting", outbound.isAccepting());
		details.put("applications", applications);
		builder.withDetail("outbound", details);
		return problem;
	}

	private Health up(Health.Builder builder, AsteriskInfo info) {
		builder.up();
		SystemInfo system = info.system();
		if (system != null && system.version() != null) {
			builder.withDetail("version", system.version());
		}
		if (system != null && system.entityId() != null) {
			builder.withDetail("entityId", system.entityId());
		}
		builder.withDetail("applications", this.connectionState.getApplications());
		return withStandby(builder).build();
	}

	private Health down(Health.Builder builder, String reason) {
		builder.down().withDetail("reason", reason).withDetail("applications", this.connectionState.getApplications());
		return withStandby(builder).build();
	}

	private Health.Builder withStandby(Health.Builder builder) {
		// only this listener's applications: with several servers, each has an indicator
		Map<String, String> standby = (this.takeover != null)
				? this.takeover.getStandbyApplications(this.connectionState) : Map.of();
		return standby.isEmpty() ? builder : builder.withDetail("standby", standby);
	}

	private String reason(Throwable ex) {
		if (ex instanceof TimeoutException) {
			return "GET /asterisk/info did not answer within " + this.timeout.toMillis() + " ms";
		}
		String message = ex.getMessage();
		return (message != null) ? message : ex.getClass().getName();
	}

}
