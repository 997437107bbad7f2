package io.github.arispring.broadcast;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import io.github.arispring.client.AriException;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.CallBroadcast;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriConnectedEvent;
import io.github.arispring.listener.AriEventHandler;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.model.Channel;

/**
 * Takes part in {@code StasisBroadcast()}: for each {@link CallBroadcast} asks the
 * {@link AriClaimPolicy} and, if it says so, claims the channel with the client of the Asterisk
 * that offered it ({@code POST /events/claim}), without blocking. Asterisk answers the first claim
 * with 204 and sends that application its {@code StasisStart}; it answers the others with 409 (or
 * 404 once the broadcast is over). Losing that race is the normal lot of all instances but one,
 * so it is counted, never logged as an error.
 * <p>
 * Counts the calls in progress, from the claim until their {@code StasisEnd}, and gives that
 * count to the policy. An offer is counted before the policy decides, so that simultaneous offers
 * never pass a limit together; an offer that only claims still waiting for their answer keep out
 * is decided again as soon as one is answered, so that a burst of offers is not declined for
 * claims that then lose. Runs before other handlers of the same event, and the channel's later
 * events wait until the claim is answered, so that {@code StasisStart} handlers see the claim
 * settled. After the events WebSocket reconnects, calls that ended while it was down stop being
 * counted.
 */
public class AriBroadcastClaimer implements AriEventHandler, Ordered, ApplicationListener<AriConnectedEvent> {

	private static final Log logger = LogFactory.getLog(AriBroadcastClaimer.class);

	/** The dialplan application that a channel claimed from a broadcast runs. */
	static final String STASIS_BROADCAST = "StasisBroadcast";

	private final AriClaimPolicy policy;

	/** The calls this instance claims or holds, by source and channel. */
	private final ConcurrentMap<String, Claim> calls = new ConcurrentHashMap<>();

	private final AtomicInteger inProgress = new AtomicInteger();

	/** Claims sent and not yet answered. */
	private final AtomicInteger pending = new AtomicInteger();

	/** Completes when the next claim is answered. */
	private final AtomicReference<CompletableFuture<Void>> nextAnswer = new AtomicReference<>(
			new CompletableFuture<>());

	private volatile Executor executor = ForkJoinPool.commonPool();

	private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);

	private volatile Duration startTimeout = Duration.ofSeconds(10);

	/**
	 * Creates a claimer.
	 * @param policy decides which offers to claim
	 */
	public AriBroadcastClaimer(AriClaimPolicy policy) {
		this.policy = policy;
		for (Outcome outcome : Outcome.values()) {
			this.outcomes.put(outcome, new LongAdder());
		}
	}

	/**
	 * Sets how long a won claim may wait for its {@code StasisStart} before it stops counting
	 * as a call in progress (the caller hung up in between, for example).
	 * @param startTimeout the time-out
	 */
	public void setStartTimeout(Duration startTimeout) {
		this.startTimeout = startTimeout;
	}

	/**
	 * Sets where an offer is decided again after a claim it waited for is answered (the answer
	 * arrives on a network thread, which must not run the policy); the common fork-join pool by
	 * default.
	 * @param executor the executor
	 */
	public void setExecutor(Executor executor) {
		this.executor = executor;
	}

	/**
	 * The policy that decides which offers to claim.
	 * @return the policy
	 */
	public AriClaimPolicy getPolicy() {
		return this.policy;
	}

	/**
	 * The calls this instance holds or is claiming: counted from the claim until
	 * {@code StasisEnd}.
	 * @return the count
	 */
	public int getCallsInProgress() {
		return this.inProgress.get();
	}

	/**
	 * How many offers ended with an outcome.
	 * @param outcome the outcome
	 * @return the count since start
	 */
	public long getClaimCount(Outcome outcome) {
		return this.outcomes.get(outcome).sum();
	}

	@Override
	public String name() {
		return "AriBroadcastClaimer";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public boolean supportsEventType(Class<? extends AriEvent> eventType) {
		return eventType == CallBroadcast.class || eventType == StasisStart.class || eventType == StasisEnd.class;
	}

	@Override
	public boolean supports(AriEvent event, AriEventSource source) {
		if (event instanceof CallBroadcast) {
			return true;
		}
		if (event instanceof StasisStart start) {
			return this.calls.containsKey(key(source, start.channel())) || isBroadcastChannel(start.channel());
		}
		return event instanceof StasisEnd end && this.calls.containsKey(key(source, end.channel()));
	}

	@Override
	public @Nullable CompletionStage<?> handle(AriEvent event) {
		throw new IllegalStateException("Claiming a broadcast call needs the source of the event: "
				+ "dispatch it with AriEventDispatcher.dispatch(event, source)");
	}

	@Override
	public @Nullable CompletionStage<?> handle(AriEvent event, AriEventSource source) {
		if (event instanceof CallBroadcast broadcast) {
			return offered(broadcast, source);
		}
		if (event instanceof StasisStart start) {
			started(start, source);
		}
		else if (event instanceof StasisEnd end) {
			release(key(source, end.channel()), null);
		}
		return null;
	}

	private @Nullable CompletionStage<?> offered(CallBroadcast broadcast, AriEventSource source) {
		String key = key(source, broadcast.channel());
		Claim claim = new Claim();
		if (this.calls.putIfAbsent(key, claim) != null) {
			// Offered again through another of this instance's applications: one claim is enough.
			return null;
		}
		return attempt(broadcast, source, key, claim);
	}

	/**
	 * Decides with this offer already counted, so that simultaneous offers never pass the limit
	 * together. If only claims still waiting for their answer stand in the way, decides again
	 * when one is answered: a claim that loses frees its place.
	 */
	private @Nullable CompletionStage<?> attempt(CallBroadcast broadcast, AriEventSource source, String key,
			Claim claim) {
		CompletableFuture<Void> nextAnswer = this.nextAnswer.get();
		claim.counted.set(true);
		int others = this.inProgress.incrementAndGet() - 1;
		boolean wanted;
		boolean wantedIfPendingLose;
		int pending;
		try {
			wanted = this.policy.shouldClaim(broadcast, others);
			pending = this.pending.get();
			wantedIfPendingLose = !wanted && pending > 0
					&& this.policy.shouldClaim(broadcast, Math.max(0, others - pending));
		}
		catch (RuntimeException ex) {
			release(key, claim);
			count(Outcome.FAILED);
			throw ex;
		}
		if (wanted) {
			return claim(broadcast, source, key, claim);
		}
		uncount(claim);
		if (wantedIfPendingLose) {
			return nextAnswer.thenComposeAsync((answered) -> {
				CompletionStage<?> stage = attempt(broadcast, source, key, claim);
				return (stage != null) ? stage : CompletableFuture.completedFuture(null);
			}, this.executor);
		}
		release(key, claim);
		count(Outcome.DECLINED);
		if (logger.isDebugEnabled()) {
			logger.debug("Declined broadcast call " + broadcast.channel().id() + " offered to "
					+ broadcast.application() + " (" + others + " calls in progress)");
		}
		return null;
	}

	private CompletionStage<?> claim(CallBroadcast broadcast, AriEventSource source, String key, Claim claim) {
		this.pending.incrementAndGet();
		return Mono.defer(() -> source.reactiveClient()
			.events()
			.claimChannel(broadcast.channel().id(), broadcast.application()))
			.then(Mono.fromRunnable(() -> won(broadcast, key, claim)))
			.onErrorResume((ex) -> {
				notWon(broadcast, key, claim, ex);
				return Mono.empty();
			})
			.doFinally((signal) -> answered())
			.toFuture();
	}

	/** A claim was answered: offers waiting for that decide again. */
	private void answered() {
		this.pending.decrementAndGet();
		this.nextAnswer.getAndSet(new CompletableFuture<>()).complete(null);
	}

	private void won(CallBroadcast broadcast, String key, Claim claim) {
		count(Outcome.WON);
		if (logger.isDebugEnabled()) {
			logger.debug("Claimed broadcast call " + broadcast.channel().id() + " for " + broadcast.application());
		}
		Mono.delay(this.startTimeout).subscribe((tick) -> {
			if (!claim.started && release(key, claim) && logger.isDebugEnabled()) {
				logger.debug("Broadcast call " + broadcast.channel().id() + " was claimed but no StasisStart came within "
						+ this.startTimeout + "; no longer counting it");
			}
		});
	}

	private void notWon(CallBroadcast broadcast, String key, Claim claim, Throwable error) {
		release(key, claim);
		if (error instanceof AriException.Conflict || error instanceof AriException.NotFound) {
			count(Outcome.LOST);
			if (logger.isDebugEnabled()) {
				logger.debug("Broadcast call " + broadcast.channel().id() + " went to another application ("
						+ ((AriException) error).statusCode() + " to the claim of " + broadcast.application() + ")");
			}
			return;
		}
		count(Outcome.FAILED);
		logger.warn("Could not claim broadcast call " + broadcast.channel().id() + " for " + broadcast.application()
				+ ": " + error.getMessage());
	}

	private void started(StasisStart start, AriEventSource source) {
		String key = key(source, start.channel());
		Claim claim = this.calls.get(key);
		if (claim != null) {
			claim.started = true;
			return;
		}
		// Claimed although the claim's answer was lost: the call is this instance's all the same.
		Claim adopted = new Claim();
		adopted.started = true;
		adopted.counted.set(true);
		if (this.calls.putIfAbsent(key, adopted) == null) {
			this.inProgress.incrementAndGet();
		}
	}

	private boolean release(String key, @Nullable Claim claim) {
		Claim removed = this.calls.get(key);
		if (removed == null || (claim != null && removed != claim) || !this.calls.remove(key, removed)) {
			return false;
		}
		uncount(removed);
		return true;
	}

	private void uncount(Claim claim) {
		if (claim.counted.compareAndSet(true, false)) {
			this.inProgress.decrementAndGet();
		}
	}

	/**
	 * After a reconnection, stops counting the calls that ended while the WebSocket was down:
	 * their {@code StasisEnd} never arrived.
	 * @param event the connection event
	 */
	@Override
	public void onApplicationEvent(AriConnectedEvent event) {
		if (event.isReconnect() && event.getSource() instanceof AriEventListenerContainer container) {
			resynchronize(container.getEventSource()).subscribe();
		}
	}

	/**
	 * Asks Asterisk about every call of a source that this instance counts as in progress, and
	 * stops counting those it no longer has.
	 * @param source the source whose calls to check
	 * @return completes when every call has been checked
	 */
	public Mono<Void> resynchronize(AriEventSource source) {
		String prefix = source.name() + "|";
		return Flux.fromIterable(this.calls.entrySet())
			.filter((entry) -> entry.getKey().startsWith(prefix) && entry.getValue().started)
			.flatMap((entry) -> source.reactiveClient()
				.channels()
				.get(entry.getKey().substring(prefix.length()))
				.then()
				.onErrorResume(AriException.NotFound.class, (ex) -> {
					if (release(entry.getKey(), entry.getValue()) && logger.isDebugEnabled()) {
						logger.debug("Broadcast call " + entry.getKey().substring(prefix.length())
								+ " ended while the events WebSocket was down; no longer counting it");
					}
					return Mono.empty();
				})
				.onErrorResume((ex) -> Mono.empty()), 8)
			.then();
	}

	private void count(Outcome outcome) {
		this.outcomes.get(outcome).increment();
	}

	private static boolean isBroadcastChannel(@Nullable Channel channel) {
		return channel != null && channel.dialplan() != null
				&& STASIS_BROADCAST.equals(channel.dialplan().appName());
	}

	private static String key(AriEventSource source, @Nullable Channel channel) {
		return source.name() + "|" + ((channel != null) ? channel.id() : "");
	}

	@Override
	public String toString() {
		return "AriBroadcastClaimer[" + this.policy + ", " + this.inProgress.get() + " calls in progress]";
	}

	/**
	 * How an offer ended.
	 */
	public enum Outcome {

		/** This instance claimed the call. */
		WON,

		/** Another application claimed it first, or the broadcast was over (409 or 404). */
		LOST,

		/** The claim failed for another reason, or the policy threw an exception. */
		FAILED,

		/** The policy declined the offer. */
		DECLINED;

		/**
		 * The outcome as a tag value: {@code won}, {@code lost}, {@code failed} or {@code declined}.
		 * @return the tag value
		 */
		public String tagValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private static final class Claim {

		volatile boolean started;

		/** Whether the claim counts towards the calls in progress. */
		final AtomicBoolean counted = new AtomicBoolean();

	}

}
