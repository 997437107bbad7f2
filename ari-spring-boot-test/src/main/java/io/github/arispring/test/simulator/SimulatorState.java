package io.github.arispring.test.simulator;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The simulated Asterisk: the shared core (one lock, the timer, the event hub, the request log)
 * and one part per ARI resource, which hold the channels, bridges, playbacks and recordings and
 * raise the events their changes cause, in the order and shape recorded from Asterisk 23.4.1 (see
 * the {@code ari-samples} README).
 * <p>
 * One lock guards it all; every change happens under it and emits its events before the lock is
 * released, so each WebSocket gets the events of a channel in the order they happened. The parts
 * take the lock in the methods that the REST API and the scenario API call; their other
 * package-private methods are for the other parts and expect the lock to be held already. Nothing
 * here blocks: delays run on a timer thread.
 */
final class SimulatorState {

	static final String VERSION = "23.4.1";

	private static final Log logger = LogFactory.getLog(AriSimulator.class);

	final SimulatorSettings settings;

	/** {@code /asterisk}: info, ping and global variables. */
	final Asterisk asterisk;

	/** The events WebSockets and the applications they register. */
	final Sockets sockets;

	/** {@code /applications}: what each application is subscribed to. */
	final Applications applications;

	/** {@code /channels}: channels, Stasis, hangups, variables and DTMF; the call history. */
	final Channels channels;

	/** {@code POST /channels} and {@code /channels/{id}/dial}: calls the application places. */
	final Originations originations;

	/** DTMF the application sends and the caller presses. */
	final Dtmf dtmf;

	/** The dialplan's {@code StasisBroadcast()} and {@code POST /events/claim}. */
	final Broadcasts broadcasts;

	/** {@code /bridges}: bridges and their members. */
	final Bridges bridges;

	/** {@code /playbacks} and {@code play} on channels and bridges. */
	final Playbacks playbacks;

	/** {@code /recordings} and {@code record} on channels and bridges. */
	final Recordings recordings;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Scheduler timer;

	private final EventHub hub;

	private final BoundedLog<RecordedRequest> requests;

	/** Timers set before a reset do nothing after it. */
	private long generation;

	SimulatorState(SimulatorSettings settings) {
		this.settings = settings;
		this.timer = Schedulers.newSingle("ari-simulator-timer", true);
		this.hub = new EventHub(settings.logCapacity());
		this.requests = new BoundedLog<>(settings.logCapacity());
		this.asterisk = new Asterisk(this);
		this.sockets = new Sockets(this, this.hub);
		this.applications = new Applications(this);
		this.channels = new Channels(this);
		this.originations = new Originations(this);
		this.dtmf = new Dtmf(this);
		this.broadcasts = new Broadcasts(this);
		this.bridges = new Bridges(this);
		this.playbacks = new Playbacks(this);
		this.recordings = new Recordings(this);
	}

	// Locking, waiting and timers

	<T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			T result = action.get();
			this.changed.signalAll();
			return result;
		}
		finally {
			this.lock.unlock();
		}
	}

	void locked(Runnable action) {
		locked(() -> {
			action.run();
			return null;
		});
	}

	/** Reads under the lock without waking those who wait for a change. */
	<T> T read(Supplier<T> query) {
		this.lock.lock();
		try {
			return query.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until a condition on the state holds. For test threads: refuses to block a
	 * non-blocking thread such as a Netty event loop.
	 */
	boolean await(BooleanSupplier condition, Duration timeout) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("The ARI simulator cannot wait on the non-blocking thread "
					+ Thread.currentThread().getName() + "; call it from the test thread");
		}
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			while (!condition.getAsBoolean()) {
				if (nanos <= 0) {
					return false;
				}
				nanos = this.changed.awaitNanos(nanos);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Runs an action under the lock after a delay, unless the simulator is reset or stopped first. */
	Disposable later(Duration delay, Runnable action) {
		long scheduledIn = this.generation;
		if (this.timer.isDisposed()) {
			return Disposables.disposed();
		}
		return this.timer.schedule(() -> {
			try {
				locked(() -> {
					if (this.generation == scheduledIn) {
						action.run();
					}
				});
			}
			catch (RuntimeException ex) {
				logger.error("An ARI simulator timer failed", ex);
			}
		}, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	static void cancelTimer(@Nullable Disposable timer) {
		if (timer != null) {
			timer.dispose();
		}
	}

	void shutdown() {
		locked(() -> {
			this.sockets.dropOnShutdown();
			this.generation++;
		});
		this.timer.dispose();
	}

	/** Forgets every channel, bridge, playback, recording and log entry, without events. */
	void reset() {
		locked(() -> {
			this.generation++;
			this.playbacks.reset();
			this.recordings.reset();
			this.broadcasts.reset();
			this.channels.reset();
			this.bridges.reset();
			this.asterisk.reset();
			this.requests.clear();
			this.hub.clearLog();
		});
	}

	// Events and logs

	void emit(Object event, Collection<String> subscribers) {
		this.hub.deliver(Wire.event(event), subscribers);
	}

	/** Sends an event to the given applications only, as Asterisk sends broadcast offers. */
	void deliverTo(Object event, Collection<String> applications) {
		this.hub.deliverTo(Wire.event(event), applications);
	}

	List<SentEvent> sentEvents() {
		return read(this.hub::sent);
	}

	void logRequest(RecordedRequest request) {
		locked(() -> this.requests.add(request));
	}

	List<RecordedRequest> requests() {
		return read(this.requests::list);
	}

	// Shared helpers

	/** Now, to the millisecond, as Asterisk writes time stamps. */
	OffsetDateTime now() {
		return OffsetDateTime.now(this.settings.clock()).truncatedTo(ChronoUnit.MILLIS);
	}

	/** The {@code asterisk_id} of every event. */
	String id() {
		return this.settings.asteriskId();
	}

	/** The object with an id, or the error Asterisk gives when there is none. */
	static <T> T require(Map<String, T> objects, String id, Supplier<AriError> notFound) {
		T object = objects.get(id);
		if (object == null) {
			throw notFound.get();
		}
		return object;
	}

	static void requireVariableName(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			throw AriError.badRequest("Variable name is required");
		}
	}

	/** A hangup or a destroyed bridge fails what plays and cancels what waits, and ends a recording. */
	void stopMedia(MediaTarget target) {
		this.playbacks.stopAll(target);
		this.recordings.stopOn(target);
	}

}
