package io.github.arispring.call;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriEventHandler;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.listener.AriListenerMetrics;

/**
 * Runs {@link StasisCall} scripts and feeds them their events. As an {@link AriEventHandler}
 * it sees every event on its lane and never blocks there: a {@code StasisStart} of a channel
 * nobody waits for creates a call (whose events are tapped from that moment, so none is lost
 * while the script waits for a thread) and hands the script to the call executor; every other
 * event completes what the calls, playbacks, recordings and bridges wait for.
 * <p>
 * Also makes handles for ordinary handlers: {@link #bridge} and {@link #playback}.
 */
public class AriCalls implements AriEventHandler, DisposableBean {

	private static final Log logger = LogFactory.getLog(AriCalls.class);

	private static final String NAME = "ari-calls";

	private final Executor executor;

	private final EventTaps taps = new EventTaps();

	private final List<StasisCallMethod> scripts = new CopyOnWriteArrayList<>();

	private final Set<ReactiveCall> active = ConcurrentHashMap.newKeySet();

	private volatile AriListenerMetrics metrics = AriListenerMetrics.NONE;

	private volatile Duration shutdownTimeout = Duration.ofSeconds(10);

	private volatile boolean stopping;

	/**
	 * Creates the registry.
	 * @param executor runs the blocking scripts, one task per call
	 */
	public AriCalls(Executor executor) {
		this.executor = executor;
	}

	public void setMetrics(AriListenerMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Sets how long closing the context waits for scripts to end after their calls were
	 * ended.
	 * @param shutdownTimeout the time-out
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	void addScript(StasisCallMethod script) {
		this.scripts.add(script);
		AnnotationAwareOrderComparator.sort(this.scripts);
	}

	/**
	 * Whether any {@link StasisCall} method is registered.
	 * @return whether one is
	 */
	public boolean hasScripts() {
		return !this.scripts.isEmpty();
	}

	/**
	 * The number of calls whose script is running or waiting for a thread.
	 * @return the count
	 */
	public int getActiveCount() {
		return this.active.size();
	}

	/**
	 * A handle on an existing bridge, for ordinary handlers; its waits are not bound to a call.
	 * @param source the Asterisk the bridge is on (the handler's event source)
	 * @param bridgeId the bridge id
	 * @return the handle
	 */
	public BridgeHandle bridge(AriEventSource source, String bridgeId) {
		return new BridgeHandle(reactiveBridge(source, bridgeId));
	}

	/**
	 * A reactive handle on an existing bridge.
	 * @param source the Asterisk the bridge is on
	 * @param bridgeId the bridge id
	 * @return the handle
	 */
	public ReactiveBridgeHandle reactiveBridge(AriEventSource source, String bridgeId) {
		return new ReactiveBridgeHandle(bridgeId, source, this.taps, CallScope.NONE);
	}

	/**
	 * A handle on a playback to be started under its id, for ordinary handlers: create it,
	 * then play with {@code playWithId} and its {@link PlaybackHandle#id()}, so that its
	 * {@code PlaybackFinished} cannot be missed.
	 * @param source the Asterisk the playback is on
	 * @param playbackId the playback id to use
	 * @return the handle
	 */
	public PlaybackHandle playback(AriEventSource source, String playbackId) {
		return new PlaybackHandle(new ReactivePlaybackHandle(playbackId, source, this.taps, CallScope.NONE));
	}

	EventTaps taps() {
		return this.taps;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean supportsEventType(Class<? extends AriEvent> eventType) {
		return true;
	}

	/**
	 * Only the events a call waits for, and new calls when there are scripts: other events
	 * cost nothing here, and are not observed as handled by it.
	 */
	@Override
	public boolean supports(AriEvent event, AriEventSource source) {
		return (event instanceof StasisStart && !this.scripts.isEmpty()) || this.taps.wants(event, source);
	}

	@Override
	public @Nullable CompletionStage<?> handle(AriEvent event) {
		throw new UnsupportedOperationException("ARI calls need the event's source");
	}

	@Override
	public @Nullable CompletionStage<?> handle(AriEvent event, AriEventSource source) {
		if (event instanceof StasisStart start && start.channel() != null
				&& !this.taps.has(source, EventTaps.CHANNEL + start.channel().id())) {
			StasisCallMethod script = scriptFor(start, source);
			if (script != null && !this.stopping) {
				start(script, start, source);
			}
			return null;
		}
		this.taps.deliver(event, source);
		return null;
	}

	private @Nullable StasisCallMethod scriptFor(StasisStart start, AriEventSource source) {
		for (StasisCallMethod script : this.scripts) {
			if (script.matches(start, source)) {
				return script;
			}
		}
		return null;
	}

	private void start(StasisCallMethod script, StasisStart start, AriEventSource source) {
		ReactiveCall call = new ReactiveCall(this, source, start);
		this.active.add(call);
		if (script.isReactive()) {
			Mono<Void> run;
			try {
				run = script.invoke(call, start, source);
			}
			catch (Throwable ex) {
				run = Mono.error(ex);
			}
			run.onErrorResume((ex) -> {
				ended(script, call, ex);
				return Mono.empty();
			}).then(Mono.defer(call::cleanup)).doFinally((signal) -> this.active.remove(call)).subscribe();
		}
		else {
			this.executor.execute(() -> runScript(script, call, start, source));
		}
	}

	private void runScript(StasisCallMethod script, ReactiveCall call, StasisStart start, AriEventSource source) {
		try {
			script.invoke(call, start, source);
		}
		catch (Throwable ex) {
			ended(script, call, ex);
		}
		finally {
			try {
				call.cleanup().block();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not clean up " + call + " after its call script ended: " + ex);
			}
			finally {
				this.active.remove(call);
			}
		}
	}

	private void ended(StasisCallMethod script, ReactiveCall call, Throwable ex) {
		if (ex instanceof CallEndedException ended) {
			if (logger.isDebugEnabled()) {
				logger.debug("Call script " + script.name() + " ended with its call: " + ended.getMessage());
			}
			return;
		}
		logger.error("ARI call script " + script.name() + " failed for application " + call.application()
				+ " (channel " + call.id() + "); hanging up the call", ex);
		this.metrics.forServer(call.source().name()).handlerFailed("StasisStart", call.application(), script.name());
	}

	void listenerFailed(ReactiveCall call, AriEvent event, Throwable ex) {
		logger.error("ARI call listener failed on " + event.type() + " for application " + call.application()
				+ " (channel " + call.id() + ")", ex);
		this.metrics.forServer(call.source().name()).handlerFailed(event.type(), call.application(), "call-listener");
	}

	/**
	 * Ends every call in progress, so that their scripts run their {@code finally} blocks and
	 * hang up, and waits for them up to the shutdown time-out.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.stopping = true;
		if (this.active.isEmpty()) {
			return;
		}
		logger.info("Ending " + this.active.size() + " ARI calls in progress: the application is stopping");
		this.active.forEach((call) -> call.end("the application is stopping", null));
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		while (!this.active.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		if (!this.active.isEmpty()) {
			logger.warn(this.active.size() + " ARI call scripts still running after " + this.shutdownTimeout);
		}
	}

}
