package io.github.arispring.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import io.github.arispring.client.AriException;

/**
 * Standby and takeover after {@code ApplicationReplaced}. When another client registers one of
 * the applications, that application goes to standby: visible in health and counted, while this
 * instance checks at an interval ({@code GET /applications/{name}}) whether another client still
 * holds it. Asterisk unregisters an application when the client that took it over goes away,
 * even though this connection is still open; from then on every call to the application fails.
 * As soon as the check answers 404 (nobody holds it), the listener connects again, which
 * registers it, and the application leaves standby. An application that another client holds is
 * never taken from it, so two live instances do not take it back and forth.
 */
public class AriApplicationTakeover implements ApplicationListener<ApplicationEvent>, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(AriApplicationTakeover.class);

	private final Duration checkInterval;

	private final ConcurrentMap<String, Standby> standby = new ConcurrentHashMap<>();

	private final AtomicLong takeovers = new AtomicLong();

	private volatile boolean running;

	/**
	 * Creates a takeover monitor.
	 * @param checkInterval how often an application in standby is checked
	 */
	public AriApplicationTakeover(Duration checkInterval) {
		if (checkInterval.isNegative() || checkInterval.isZero()) {
			throw new IllegalArgumentException("The takeover check interval must be positive, but is " + checkInterval);
		}
		this.checkInterval = checkInterval;
	}

	/**
	 * The applications in standby and why, in the order they went to standby.
	 * @return the reason for each application
	 */
	public Map<String, String> getStandbyApplications() {
		return getStandbyApplications(null);
	}

	/**
	 * The applications of one events listener (one server) in standby and why, in the order
	 * they went to standby.
	 * @param listener the listener, such as a server's {@code connectionState()}, or
	 * {@code null} for those of every listener
	 * @return the reason for each application
	 */
	public Map<String, String> getStandbyApplications(@Nullable AriConnectionState listener) {
		Map<String, String> result = new LinkedHashMap<>();
		this.standby.values()
			.stream()
			.filter((entry) -> listener == null || entry.container == listener)
			.sorted((a, b) -> a.since.compareTo(b.since))
			.forEach((entry) -> result.put(entry.application, entry.reason()));
		return result;
	}

	/**
	 * The number of applications in standby.
	 * @return the count
	 */
	public int getStandbyCount() {
		return this.standby.size();
	}

	/**
	 * How many times an application in standby was registered again.
	 * @return the count since start
	 */
	public long getTakeoverCount() {
		return this.takeovers.get();
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof AriApplicationReplacedEvent replaced
				&& replaced.getSource() instanceof AriEventListenerContainer container) {
			replaced(container, replaced.getApplication());
		}
		else if (event instanceof AriConnectedEvent connected
				&& connected.getSource() instanceof AriEventListenerContainer container) {
			connected.getApplications().forEach((application) -> registered(container, application));
		}
	}

	private void replaced(AriEventListenerContainer container, String application) {
		if (!this.running || !container.isRunning()) {
			return;
		}
		Standby entry = new Standby(container, application, Instant.now());
		Standby previous = this.standby.putIfAbsent(key(container, application), entry);
		if (previous != null) {
			// Taken over again while already in standby: keep checking as before.
			return;
		}
		logger.info("Stasis application '" + application + "' is in standby: another client registered it. "
				+ "Checking every " + this.checkInterval.toMillis() + " ms whether it still holds it; "
				+ "when it no longer does, this instance registers it again");
		entry.checks = Flux.interval(this.checkInterval, this.checkInterval)
			.onBackpressureDrop()
			.concatMap((tick) -> check(entry), 1)
			.subscribe();
	}

	private Mono<Void> check(Standby entry) {
		if (entry.takingOver) {
			return Mono.empty();
		}
		return entry.container.getEventSource()
			.reactiveClient()
			.applications()
			.get(entry.application)
			.doOnNext((application) -> entry.lastCheck = "another client holds it")
			.then()
			.onErrorResume(AriException.NotFound.class, (ex) -> {
				takeOver(entry);
				return Mono.empty();
			})
			.onErrorResume((ex) -> {
				String failure = "checking failed: " + ex.getMessage();
				if (!failure.equals(entry.lastCheck)) {
					logger.warn("Cannot tell whether Stasis application '" + entry.application
							+ "' is held by another client (" + ex.getMessage() + "); checking again in "
							+ this.checkInterval.toMillis() + " ms");
				}
				entry.lastCheck = failure;
				return Mono.empty();
			});
	}

	private void takeOver(Standby entry) {
		entry.takingOver = true;
		entry.lastCheck = "nobody holds it: registering it again";
		entry.container.reconnect("Stasis application '" + entry.application
				+ "' is held by no other client any more: registering it again");
	}

	private void registered(AriEventListenerContainer container, String application) {
		Standby entry = this.standby.remove(key(container, application));
		if (entry == null) {
			return;
		}
		entry.dispose();
		if (entry.takingOver) {
			this.takeovers.incrementAndGet();
		}
		logger.info("Stasis application '" + application + "' left standby: this instance registered it again");
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.standby.values().forEach(Standby::dispose);
		this.standby.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static String key(AriEventListenerContainer container, String application) {
		return System.identityHashCode(container) + "|" + application;
	}

	private static final class Standby {

		final AriEventListenerContainer container;

		final String application;

		final Instant since;

		volatile String lastCheck = "not checked yet";

		volatile boolean takingOver;

		volatile Disposable checks;

		Standby(AriEventListenerContainer container, String application, Instant since) {
			this.container = container;
			this.application = application;
			this.since = since;
		}

		String reason() {
			return "taken over by another client at " + this.since + "; last check: " + this.lastCheck;
		}

		void dispose() {
			Disposable checks = this.checks;
			if (checks != null) {
				checks.dispose();
			}
		}

	}

}
