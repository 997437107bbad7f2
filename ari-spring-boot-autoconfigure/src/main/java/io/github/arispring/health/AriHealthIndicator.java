package io.github.arispring.health;

import java.time.Duration;
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

/**
 * Health of the connection to Asterisk. {@code UP} when the events WebSocket is connected
 * and {@code GET /asterisk/info} answers in time, with details {@code version},
 * {@code entityId} and {@code applications}; {@code DOWN} with a {@code reason} otherwise:
 * the WebSocket's last failure, or the REST error. Reactive, so no thread waits for
 * Asterisk.
 */
public class AriHealthIndicator extends AbstractReactiveHealthIndicator {

	/** The time allowed for Asterisk's answer when none is given. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final AriConnectionState connectionState;

	private final ReactiveAsteriskApi asterisk;

	private final Duration timeout;

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
	 * @param connectionState the state of the events WebSocket
	 * @param asterisk the client for {@code /asterisk/info}
	 * @param timeout the time allowed for Asterisk's answer
	 */
	public AriHealthIndicator(AriConnectionState connectionState, ReactiveAsteriskApi asterisk, Duration timeout) {
		this(connectionState, asterisk, timeout, null);
	}

	/**
	 * Creates an indicator that also shows the applications in standby, with the reason, under
	 * {@code standby}. Standby leaves the status {@code UP}: another instance serves the
	 * application, and restarting this one would not help.
	 * @param connectionState the state of the events WebSocket
	 * @param asterisk the client for {@code /asterisk/info}
	 * @param timeout the time allowed for Asterisk's answer
	 * @param takeover the applications in standby, or {@code null}
	 */
	public AriHealthIndicator(AriConnectionState connectionState, ReactiveAsteriskApi asterisk, Duration timeout,
			@Nullable AriApplicationTakeover takeover) {
		super("ARI health check failed");
		this.connectionState = connectionState;
		this.asterisk = asterisk;
		this.timeout = timeout;
		this.takeover = takeover;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
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
		Map<String, String> standby = (this.takeover != null) ? this.takeover.getStandbyApplications() : Map.of();
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
