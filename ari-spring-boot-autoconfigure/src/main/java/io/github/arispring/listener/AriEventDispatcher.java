package io.github.arispring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventKeys;
import io.github.arispring.observation.AriEventProcessContext;
import io.github.arispring.observation.AriEventProcessObservationConvention;
import io.github.arispring.observation.AriObservationDocumentation;
import io.github.arispring.observation.DefaultAriEventProcessObservationConvention;

/**
 * Hands each event to the handlers that want it, on an executor, keeping the events of one
 * channel (and of one bridge) in the order they arrived while different channels run in
 * parallel. {@link #dispatch} never blocks: the socket reader calls it. Events beyond the
 * queue capacity are dropped, counted and logged.
 */
public class AriEventDispatcher {

	private static final Log logger = LogFactory.getLog(AriEventDispatcher.class);

	private static final DefaultAriEventProcessObservationConvention DEFAULT_CONVENTION = new DefaultAriEventProcessObservationConvention();

	private static final String CONTROL_LANE = "ari:control";

	private static final long DROP_LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

	private static final ThreadLocal<Boolean> IN_HANDLER = new ThreadLocal<>();

	private final Executor executor;

	private final OrderedLanes lanes;

	private final int queueCapacity;

	private final List<AriEventHandler> handlers = new CopyOnWriteArrayList<>();

	private final Map<Class<?>, List<AriEventHandler>> handlersByType = new ConcurrentHashMap<>();

	private volatile AriListenerMetrics metrics = AriListenerMetrics.NONE;

	private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private volatile @Nullable AriEventProcessObservationConvention observationConvention;

	private volatile @Nullable AriEventErrorHandler errorHandler;

	private volatile AriEventSource defaultSource = AriEventSource.withoutClients(AriEventSource.DEFAULT_NAME);

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);

	/**
	 * Creates a dispatcher.
	 * @param executor runs the handlers
	 * @param queueCapacity the largest number of events waiting for or in handlers
	 */
	public AriEventDispatcher(Executor executor, int queueCapacity) {
		this.executor = executor;
		this.lanes = new OrderedLanes(executor);
		this.queueCapacity = queueCapacity;
	}

	/**
	 * Adds a handler; events already queued may or may not reach it.
	 * @param handler the handler
	 */
	public void addHandler(AriEventHandler handler) {
		this.handlers.add(handler);
		this.handlersByType.clear();
	}

	/**
	 * The handlers, in the order they are called for an event.
	 * @return the handlers
	 */
	public List<AriEventHandler> getHandlers() {
		return List.copyOf(this.handlers);
	}

	public void setMetrics(AriListenerMetrics metrics) {
		this.metrics = metrics;
	}

	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	public void setObservationConvention(@Nullable AriEventProcessObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Sets what is called, after the failure is logged, when a handler that has no error
	 * handler of its own fails.
	 * @param errorHandler the error handler, or {@code null} to only log
	 */
	public void setErrorHandler(@Nullable AriEventErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	/**
	 * Sets the source of events dispatched without one: the server configured with
	 * {@code ari.url}, whose clients handlers receive.
	 * @param defaultSource the source
	 */
	public void setDefaultSource(AriEventSource defaultSource) {
		this.defaultSource = defaultSource;
	}

	/**
	 * The source of events dispatched without one.
	 * @return the source
	 */
	public AriEventSource getDefaultSource() {
		return this.defaultSource;
	}

	/**
	 * Queues an event from the default source for its handlers. Never blocks.
	 * @param event the event
	 * @return {@code false} if it was dropped because the queue is full
	 */
	public boolean dispatch(AriEvent event) {
		return dispatch(event, this.defaultSource);
	}

	/**
	 * Queues an event for its handlers. Never blocks.
	 * @param event the event
	 * @param source where it came from; handlers receive this source's clients
	 * @return {@code false} if it was dropped because the queue is full
	 */
	public boolean dispatch(AriEvent event, AriEventSource source) {
		return dispatch(event.type(), event.application(), source, AriEventKeys.orderingKeys(event),
				() -> invokeHandlers(event, source));
	}

	/**
	 * Queues a frame that the socket reader has only scanned: it is bound to its typed event
	 * on a handler thread, in order with the other events of its channel and bridge. Never
	 * blocks.
	 * @param header what the scan found
	 * @param frame the frame
	 * @param reader binds the frame
	 * @param source where it came from
	 * @return {@code false} if it was dropped because the queue is full
	 */
	public boolean dispatch(AriEventReader.FrameHeader header, byte[] frame, AriEventReader reader,
			AriEventSource source) {
		return dispatch(header.type(), header.application(), source, header.keys(), () -> {
					AriEvent event;
					try {
						event = reader.read(frame, header.type());
					}
					catch (AriEventReader.MalformedFrameException ex) {
						this.metrics.forServer(source.name()).frameRejected("malformed");
						logger.warn("Ignoring ARI " + header.type() + " frame that does not match its type ("
								+ ex.getMessage() + "): " + AriEventReader.excerpt(frame));
						return null;
					}
					return invokeHandlers(event, source);
				});
	}

	private boolean dispatch(String type, @Nullable String application, AriEventSource source, List<String> keys,
			Supplier<@Nullable CompletionStage<?>> task) {
		if (this.lanes.pending() >= this.queueCapacity) {
			dropped(type, application, keys.get(0), source);
			return false;
		}
		if (keys.size() == 2) {
			this.lanes.submit(source.lane(keys.get(0)), source.lane(keys.get(1)), task);
		}
		else {
			this.lanes.submit(source.lane(keys.get(0)), task);
		}
		return true;
	}

	/**
	 * Runs a task in order with other control tasks, off the socket reader (connection
	 * notifications, which applications may answer with blocking calls).
	 * @param task the task
	 */
	public void runControl(Runnable task) {
		this.lanes.submit(CONTROL_LANE, () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("ARI connection listener failed", ex);
			}
			return null;
		});
	}

	/**
	 * Number of events received and not yet fully handled.
	 * @return the count
	 */
	public int getPendingCount() {
		return this.lanes.pending();
	}

	/**
	 * Number of events dropped because the queue was full.
	 * @return the count
	 */
	public long getDroppedCount() {
		return this.dropped.get();
	}

	/**
	 * Waits until every queued event has been handled.
	 * @param timeout how long to wait at most
	 * @return {@code true} if nothing is pending any more
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.lanes.pending() > 0) {
			if (System.nanoTime() >= deadline) {
				return false;
			}
			Thread.sleep(5);
		}
		return true;
	}

	private void dropped(String type, @Nullable String application, String key, AriEventSource source) {
		long count = this.dropped.incrementAndGet();
		this.metrics.forServer(source.name()).eventDropped(type, application);
		long now = System.nanoTime();
		long last = this.lastDropLog.get();
		if (now - last >= DROP_LOG_INTERVAL_NANOS && this.lastDropLog.compareAndSet(last, now)) {
			logger.warn("ARI event queue is full (" + this.queueCapacity + " events waiting for handlers): dropped "
					+ type + " for application " + application + " (" + key.replace(':', ' ') + "); " + count
					+ " dropped so far. Handlers are slower than "
					+ "Asterisk's event rate: speed them up or raise ari.listener.queue-capacity / concurrency");
		}
	}

	private @Nullable CompletionStage<?> invokeHandlers(AriEvent event, AriEventSource source) {
		List<AriEventHandler> candidates = this.handlersByType.computeIfAbsent(event.getClass(), this::handlersFor);
		return invokeFrom(event, source, candidates, 0);
	}

	private List<AriEventHandler> handlersFor(Class<?> type) {
		List<AriEventHandler> result = new ArrayList<>();
		for (AriEventHandler handler : this.handlers) {
			@SuppressWarnings("unchecked")
			Class<? extends AriEvent> eventType = (Class<? extends AriEvent>) type;
			if (handler.supportsEventType(eventType)) {
				result.add(handler);
			}
		}
		return List.copyOf(result);
	}

	private @Nullable CompletionStage<?> invokeFrom(AriEvent event, AriEventSource source,
			List<AriEventHandler> candidates, int start) {
		for (int i = start; i < candidates.size(); i++) {
			CompletionStage<?> stage = invoke(candidates.get(i), event, source);
			if (stage != null && !stage.toCompletableFuture().isDone()) {
				int next = i + 1;
				// Continue on the executor: the stage may complete on a Netty event loop.
				return stage.handleAsync((result, error) -> null, this.executor).thenCompose((ignored) -> {
					CompletionStage<?> rest = invokeFrom(event, source, candidates, next);
					return (rest != null) ? rest : CompletableFuture.completedFuture(null);
				});
			}
		}
		return null;
	}

	private @Nullable CompletionStage<?> invoke(AriEventHandler handler, AriEvent event, AriEventSource source) {
		try {
			if (!handler.supports(event, source)) {
				return null;
			}
		}
		catch (RuntimeException ex) {
			failed(handler, event, source, ex);
			return null;
		}
		ObservationRegistry registry = this.observationRegistry;
		if (registry.isNoop()) {
			return invokeUnobserved(handler, event, source);
		}
		AriEventProcessContext context = new AriEventProcessContext(event, handler.name());
		Observation observation = AriObservationDocumentation.EVENT_PROCESS
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.start();
		CompletionStage<?> stage;
		IN_HANDLER.set(Boolean.TRUE);
		try (Observation.Scope scope = observation.openScope()) {
			stage = handler.handle(event, source);
		}
		catch (Throwable ex) {
			observation.error(ex);
			failed(handler, event, source, ex);
			observation.stop();
			return null;
		}
		finally {
			IN_HANDLER.set(Boolean.FALSE);
		}
		if (stage == null) {
			observation.stop();
			return null;
		}
		return stage.whenComplete((result, error) -> {
			if (error != null) {
				Throwable cause = (error instanceof java.util.concurrent.CompletionException && error.getCause() != null)
						? error.getCause() : error;
				observation.error(cause);
				failed(handler, event, source, cause);
			}
			observation.stop();
		});
	}

	/** Without an observation registry: no observation, context or scope per invocation. */
	private @Nullable CompletionStage<?> invokeUnobserved(AriEventHandler handler, AriEvent event,
			AriEventSource source) {
		CompletionStage<?> stage;
		IN_HANDLER.set(Boolean.TRUE);
		try {
			stage = handler.handle(event, source);
		}
		catch (Throwable ex) {
			failed(handler, event, source, ex);
			return null;
		}
		finally {
			IN_HANDLER.set(Boolean.FALSE);
		}
		if (stage == null) {
			return null;
		}
		return stage.whenComplete((result, error) -> {
			if (error != null) {
				failed(handler, event, source,
						(error instanceof java.util.concurrent.CompletionException && error.getCause() != null)
								? error.getCause() : error);
			}
		});
	}

	private void failed(AriEventHandler handler, AriEvent event, AriEventSource source, Throwable error) {
		logger.error("ARI event handler " + handler.name() + " failed on " + event.type() + describe(event), error);
		this.metrics.forServer(source.name()).handlerFailed(event.type(), event.application(), handler.name());
		try {
			AriEventErrorHandler own = (handler instanceof ErrorHandling errorHandling) ? errorHandling.errorHandler()
					: null;
			AriEventErrorHandler errorHandler = (own != null) ? own : this.errorHandler;
			if (errorHandler != null) {
				errorHandler.handleError(event, source, handler.name(), error);
			}
		}
		catch (Throwable ex) {
			logger.error("ARI error handler of " + handler.name() + " failed too", ex);
		}
	}

	/**
	 * Whether the current thread is running an event handler, where waiting for a later event
	 * of the same channel would wait forever: that event queues behind the handler.
	 * @return whether it is
	 */
	public static boolean isHandlerThread() {
		return IN_HANDLER.get() == Boolean.TRUE;
	}

	static String describe(AriEvent event) {
		StringBuilder text = new StringBuilder();
		if (event.application() != null) {
			text.append(" for application ").append(event.application());
		}
		String channel = AriEventKeys.channelId(event);
		String bridge = AriEventKeys.bridgeId(event);
		if (channel != null) {
			text.append(" (channel ").append(channel).append(')');
		}
		else if (bridge != null) {
			text.append(" (bridge ").append(bridge).append(')');
		}
		return text.toString();
	}

	/**
	 * A handler with an error handler of its own.
	 */
	public interface ErrorHandling {

		/**
		 * The handler's own error handler.
		 * @return the error handler, or {@code null} to use the default
		 */
		@Nullable AriEventErrorHandler errorHandler();

	}

}
