package io.github.arispring.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.arispring.client.AriException;
import io.github.arispring.client.BridgeCreateWithIdParams;
import io.github.arispring.client.ChannelContinueInDialplanParams;
import io.github.arispring.client.ChannelOriginateWithIdParams;
import io.github.arispring.client.ChannelPlayWithIdParams;
import io.github.arispring.client.ChannelRecordParams;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.ApplicationMoveFailed;
import io.github.arispring.event.ChannelDestroyed;
import io.github.arispring.event.ChannelDtmfReceived;
import io.github.arispring.event.ChannelEvent;
import io.github.arispring.event.ChannelHangupRequest;
import io.github.arispring.event.Dial;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.model.Channel;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;

/**
 * One call: a channel in Stasis and the verbs that drive it, each a {@link Mono} that waits
 * for the events the verb causes without blocking any thread. {@link Call} is the blocking
 * twin, for scripts on their own thread.
 * <p>
 * Once the call ends (the caller hangs up, or the channel leaves Stasis), the verb in
 * progress and every later one fail with {@link CallEndedException}; {@link #hangup()} and
 * the handles' {@code stop}/{@code destroy} still work, and do nothing where there is nothing
 * left to do. Digits the caller presses are kept until a {@link #collectDigits} takes them, so
 * none is lost between two verbs or during a prompt.
 */
public final class ReactiveCall implements CallScope {

	private static final Log logger = LogFactory.getLog(ReactiveCall.class);

	/** How long a REST error waits to see whether it was caused by the call ending. */
	private static final Duration ENDING_GRACE = Duration.ofSeconds(1);

	private final AriCalls calls;

	private final AriEventSource source;

	private final ReactiveAriClient client;

	private final String channelId;

	private final String application;

	private final @Nullable ReactiveCall parent;

	private volatile @Nullable Channel channel;

	private volatile List<String> args;

	private final CompletableFuture<CallEndedException> end = new CompletableFuture<>();

	private final CompletableFuture<Void> started = new CompletableFuture<>();

	private final DigitBuffer digits = new DigitBuffer();

	private final List<ScopedListener<?>> listeners = new CopyOnWriteArrayList<>();

	private final List<ListenerRegistration> taps = new CopyOnWriteArrayList<>();

	private final List<ReactiveCall> legs = new CopyOnWriteArrayList<>();

	private final List<ReactiveBridgeHandle> bridges = new CopyOnWriteArrayList<>();

	private volatile @Nullable CompletableFuture<ApplicationMoveFailed> moving;

	private volatile @Nullable Integer hangupCause;

	private volatile @Nullable String dialStatus;

	private volatile boolean handedOn;

	private volatile @Nullable Call blocking;

	/** A call that entered Stasis. */
	ReactiveCall(AriCalls calls, AriEventSource source, StasisStart start) {
		this(calls, source, start.channel().id(), start.application(), null);
		this.channel = start.channel();
		this.args = (start.args() != null) ? List.copyOf(start.args()) : List.of();
		this.started.complete(null);
	}

	/** A leg about to be dialled by another call, tapped before the request. */
	ReactiveCall(AriCalls calls, AriEventSource source, String channelId, String application,
			@Nullable ReactiveCall parent) {
		this.calls = calls;
		this.source = source;
		this.client = source.reactiveClient();
		this.channelId = channelId;
		this.application = application;
		this.parent = parent;
		this.args = List.of();
		track(calls.taps().add(source, EventTaps.CHANNEL + channelId, this::onEvent));
	}

	// Events, on the channel's lane: never block here.

	private void onEvent(AriEvent event) {
		if (event instanceof ChannelEvent channelEvent && channelEvent.channel() != null
				&& this.channelId.equals(channelEvent.channel().id())) {
			this.channel = channelEvent.channel();
		}
		// Listeners first: a verb this event completes may close them as soon as it returns.
		for (ScopedListener<?> listener : this.listeners) {
			listener.offer(event);
		}
		if (event instanceof ChannelDtmfReceived dtmf && dtmf.digit() != null) {
			this.digits.add(dtmf.digit());
		}
		else if (event instanceof StasisStart start) {
			this.args = (start.args() != null) ? List.copyOf(start.args()) : List.of();
			this.started.complete(null);
		}
		else if (event instanceof Dial dial && dial.dialstatus() != null && !dial.dialstatus().isEmpty()) {
			this.dialStatus = dial.dialstatus();
		}
		else if (event instanceof ChannelHangupRequest hangupRequest && hangupRequest.cause() != null
				&& !Boolean.TRUE.equals(hangupRequest.soft())) {
			this.hangupCause = hangupRequest.cause();
		}
		else if (event instanceof ApplicationMoveFailed moveFailed) {
			CompletableFuture<ApplicationMoveFailed> move = this.moving;
			if (move != null) {
				move.complete(moveFailed);
			}
		}
		// A hang-up request comes first, before the events of what the hang-up stops (a playback
		// "failed", a recording "done"): ending here makes the verb in progress see the hang-up.
		if (event instanceof ChannelHangupRequest) {
			end("hung up" + causeText(null), this.hangupCause);
		}
		else if (event instanceof StasisEnd) {
			end("left Stasis" + causeText(null), this.hangupCause);
		}
		else if (event instanceof ChannelDestroyed destroyed) {
			end("hung up" + causeText(destroyed.causeTxt()),
					(destroyed.cause() != null) ? destroyed.cause() : this.hangupCause);
		}
	}

	private String causeText(@Nullable String text) {
		if (text != null && !text.isEmpty()) {
			return " (" + text + ")";
		}
		return (this.hangupCause != null) ? " (cause " + this.hangupCause + ")" : "";
	}

	void end(String reason, @Nullable Integer cause) {
		if (this.end.complete(new CallEndedException(this.channelId, reason, cause))) {
			this.listeners.clear();
		}
	}

	// What the call is

	/**
	 * The channel id.
	 * @return the id
	 */
	public String id() {
		return this.channelId;
	}

	/**
	 * The channel as its latest event described it.
	 * @return the channel, or {@code null} for a leg that has not answered yet
	 */
	public @Nullable Channel channel() {
		return this.channel;
	}

	/**
	 * The Stasis application the call is in.
	 * @return the application
	 */
	public String application() {
		return this.application;
	}

	/**
	 * The arguments of {@code Stasis(app,args)}.
	 * @return the arguments, empty if none
	 */
	public List<String> args() {
		return this.args;
	}

	/**
	 * The Asterisk the call is on.
	 * @return the source
	 */
	public AriEventSource source() {
		return this.source;
	}

	/**
	 * Whether the call has ended: hung up, left Stasis, or hung up or handed on by the
	 * application.
	 * @return whether it has
	 */
	public boolean isEnded() {
		return this.end.isDone();
	}

	/**
	 * The blocking twin of this call.
	 * @return the call
	 */
	public Call blocking() {
		Call call = this.blocking;
		if (call == null) {
			call = new Call(this);
			this.blocking = call;
		}
		return call;
	}

	// Verbs

	/**
	 * Answers the call.
	 * @return completes when answered
	 */
	public Mono<Void> answer() {
		return guard(this.client.channels().answer(this.channelId));
	}

	/**
	 * Plays media and waits until it has finished. Digits pressed meanwhile are kept for the
	 * next {@link #collectDigits}.
	 * @param media media URIs, such as {@code sound:hello-world} or {@code digits:123}
	 * @return the finished playback
	 */
	public Mono<Playback> play(String... media) {
		return playAsync(media).flatMap(ReactivePlaybackHandle::finished);
	}

	/**
	 * Starts playing media.
	 * @param media media URIs
	 * @return the playback, to wait for or stop, once Asterisk accepted it
	 */
	public Mono<ReactivePlaybackHandle> playAsync(String... media) {
		List<String> list = List.of(media);
		return ReactivePlaybackHandle.start(this.source, this.calls.taps(), this, list,
				(playbackId) -> this.client.channels()
					.playWithId(this.channelId, playbackId, list, ChannelPlayWithIdParams.builder().build()));
	}

	/**
	 * Collects digits, starting with those pressed already and not yet collected.
	 * @param options how many, which terminator, how long
	 * @return the digits
	 */
	public Mono<Digits> collectDigits(DigitOptions options) {
		return Mono.defer(() -> {
			long deadline = System.nanoTime() + options.totalTimeout().toNanos();
			return collect(options, new StringBuilder(), deadline);
		});
	}

	/**
	 * Plays a prompt, stopped by the first digit, then collects digits; the digit that
	 * interrupted the prompt is the first one collected. The prompt is skipped if digits are
	 * waiting already (the caller typed ahead).
	 * @param options how many, which terminator, how long
	 * @param prompt media URIs of the prompt
	 * @return the digits
	 */
	public Mono<Digits> collectDigits(DigitOptions options, String... prompt) {
		return Mono.defer(() -> {
			if (prompt.length == 0 || !this.digits.isEmpty()) {
				return collectDigits(options);
			}
			return playAsync(prompt).flatMap((playback) -> guard(Mono.firstWithSignal(playback.finished().then(),
					Mono.fromFuture(this.digits.arrival(), true).then(playback.stop()))))
				.then(collectDigits(options));
		});
	}

	private Mono<Digits> collect(DigitOptions options, StringBuilder collected, long deadline) {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			return Mono.just(new Digits(collected.toString(), null, Digits.Completion.TOTAL_TIMEOUT));
		}
		boolean first = collected.isEmpty();
		long interDigit = options.interDigitTimeout().toNanos();
		boolean totalFirst = first || left <= interDigit;
		Duration wait = Duration.ofNanos(totalFirst ? left : interDigit);
		return guard(this.digits.next().map(Optional::of).timeout(wait, Mono.just(Optional.empty())))
			.flatMap((next) -> {
				if (next.isEmpty()) {
					return Mono.just(new Digits(collected.toString(), null,
							totalFirst ? Digits.Completion.TOTAL_TIMEOUT : Digits.Completion.INTER_DIGIT_TIMEOUT));
				}
				String digit = next.get();
				if (options.isTerminator(digit)) {
					return Mono.just(new Digits(collected.toString(), digit, Digits.Completion.TERMINATOR));
				}
				collected.append(digit);
				if (collected.length() >= options.maxDigits()) {
					return Mono.just(new Digits(collected.toString(), null, Digits.Completion.MAX_DIGITS));
				}
				return collect(options, collected, deadline);
			});
	}

	/**
	 * Discards the digits pressed and not yet collected.
	 * @return the digits discarded
	 */
	public String clearDigits() {
		return this.digits.clear();
	}

	/**
	 * Records the caller and waits until the recording ends (by {@code maxDurationSeconds},
	 * {@code maxSilenceSeconds} or {@code terminateOn} in the parameters).
	 * @param name the recording's name, also that of the stored recording
	 * @param format the format, such as {@code wav}
	 * @param params further parameters, or {@code null}
	 * @return the ended recording: state {@code done}, {@code canceled} or {@code failed}
	 */
	public Mono<LiveRecording> record(String name, String format, @Nullable ChannelRecordParams params) {
		return recordAsync(name, format, params).flatMap(ReactiveRecordingHandle::finished);
	}

	/**
	 * Starts recording the caller.
	 * @param name the recording's name
	 * @param format the format, such as {@code wav}
	 * @param params further parameters, or {@code null}
	 * @return the recording, to wait for, stop or cancel
	 */
	public Mono<ReactiveRecordingHandle> recordAsync(String name, String format, @Nullable ChannelRecordParams params) {
		return ReactiveRecordingHandle.start(name, this.source, this.calls.taps(), this,
				(recording) -> this.client.channels().record(this.channelId, recording, format, params));
	}

	/**
	 * Calls an endpoint and waits until it answers; the new leg enters this call's
	 * application without starting a script of its own, and is hung up when this call's
	 * script ends unless it was handed on.
	 * @param endpoint the endpoint, such as {@code PJSIP/alice}
	 * @param timeout how long it may ring
	 * @return the answered leg
	 * @throws DialFailedException (as the error) if it does not answer in time or cannot be reached
	 */
	public Mono<ReactiveCall> dial(String endpoint, Duration timeout) {
		return dial(endpoint, timeout, null);
	}

	/**
	 * Calls an endpoint and waits until it answers.
	 * @param endpoint the endpoint
	 * @param timeout how long it may ring
	 * @param params further originate parameters (such as the caller id or variables), or
	 * {@code null}; the application defaults to this call's, and the time-out and originator are
	 * set
	 * @return the answered leg
	 */
	public Mono<ReactiveCall> dial(String endpoint, Duration timeout, @Nullable ChannelOriginateWithIdParams params) {
		return Mono.defer(() -> {
			ChannelOriginateWithIdParams given = (params != null) ? params
					: ChannelOriginateWithIdParams.builder().build();
			String app = (given.app() != null) ? given.app() : this.application;
			ReactiveCall leg = new ReactiveCall(this.calls, this.source, UUID.randomUUID().toString(), app, this);
			this.legs.add(leg);
			int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
			ChannelOriginateWithIdParams request = new ChannelOriginateWithIdParams(given.extension(), given.context(),
					given.priority(), given.label(), app, given.appArgs(), given.callerId(), seconds,
					given.variables(), given.otherChannelId(), this.channelId, given.formats());
			Mono<ReactiveCall> answered = Mono.firstWithSignal(Mono.fromFuture(leg.started, true),
					Mono.fromFuture(leg.end, true)
						.flatMap((ended) -> Mono.<Void>error(new DialFailedException(endpoint, ended.getReason(),
								leg.dialStatus))))
				.timeout(timeout, Mono.defer(() -> Mono.error(new DialFailedException(endpoint,
						"no answer within " + timeout.toMillis() + " ms", leg.dialStatus))))
				.thenReturn(leg);
			return guard(this.client.channels().originateWithId(leg.channelId, endpoint, request).then(answered))
				.onErrorResume((ex) -> !(ex instanceof CallEndedException),
						(ex) -> leg.hangup().onErrorResume((ignored) -> Mono.empty()).then(Mono.error(ex)));
		});
	}

	/**
	 * Puts this call and another in a new mixing bridge and waits until the other call ends;
	 * then destroys the bridge and returns, with this call still up. Fails with
	 * {@link CallEndedException} if this call ends first.
	 * @param other the other call, such as a leg from {@link #dial}
	 * @return completes when the other call has ended
	 */
	public Mono<Void> bridgeWith(ReactiveCall other) {
		return bridgeWithAsync(other)
			.flatMap((bridge) -> guard(other.whenEnded()).then(bridge.destroy()));
	}

	/**
	 * Puts this call and another in a new mixing bridge, and returns once both are in.
	 * @param other the other call
	 * @return the bridge, destroyed when this call's script ends unless handed on
	 */
	public Mono<ReactiveBridgeHandle> bridgeWithAsync(ReactiveCall other) {
		return createBridge("mixing")
			.flatMap((bridge) -> bridge.addChannel(this.channelId, other.channelId).thenReturn(bridge));
	}

	/**
	 * Creates a bridge this call's script owns: it is destroyed when the script ends unless
	 * the call was released.
	 * @param type the bridge type, such as {@code mixing} or {@code holding}
	 * @return the bridge
	 */
	public Mono<ReactiveBridgeHandle> createBridge(String type) {
		return Mono.defer(() -> {
			ReactiveBridgeHandle bridge = new ReactiveBridgeHandle(UUID.randomUUID().toString(), this.source,
					this.calls.taps(), this);
			this.bridges.add(bridge);
			return guard(this.client.bridges()
				.createWithId(bridge.id(), BridgeCreateWithIdParams.builder().type(type).name("call-" + this.channelId).build()))
				.thenReturn(bridge);
		});
	}

	/**
	 * Puts the call on hold.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> hold() {
		return guard(this.client.channels().hold(this.channelId));
	}

	/**
	 * Takes the call off hold.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> unhold() {
		return guard(this.client.channels().unhold(this.channelId));
	}

	/**
	 * Plays music on hold to the caller until {@link #stopMoh()}.
	 * @param mohClass the music class, or {@code null} for the default
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> startMoh(@Nullable String mohClass) {
		return guard(this.client.channels().startMoh(this.channelId, mohClass));
	}

	/**
	 * Stops music on hold.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> stopMoh() {
		return guard(this.client.channels().stopMoh(this.channelId));
	}

	/**
	 * Sets a channel variable.
	 * @param name the variable, such as {@code CALLERID(name)}
	 * @param value the value
	 * @return completes when set
	 */
	public Mono<Void> setVariable(String name, String value) {
		return guard(this.client.channels().setChannelVar(this.channelId, name, value, null));
	}

	/**
	 * Reads a channel variable.
	 * @param name the variable
	 * @return its value, or empty if it is not set
	 */
	public Mono<String> getVariable(String name) {
		return guard(this.client.channels()
			.getChannelVar(this.channelId, name)
			.onErrorResume(ReactiveCall::isVariableNotFound, (ex) -> Mono.empty())
			.mapNotNull((variable) -> variable.value()));
	}

	private static boolean isVariableNotFound(Throwable ex) {
		return ex instanceof AriException.NotFound notFound && notFound.asteriskMessage() != null
				&& notFound.asteriskMessage().contains("variable");
	}

	/**
	 * Hands the call back to the dialplan, after the {@code Stasis()} that brought it here, and
	 * waits until it has left; the script no longer owns it.
	 * @return completes when the call has left Stasis
	 */
	public Mono<Void> continueInDialplan() {
		return continueInDialplan(null);
	}

	/**
	 * Hands the call back to the dialplan at a given place.
	 * @param params the context, extension and priority or label; {@code null} to continue
	 * after {@code Stasis()}
	 * @return completes when the call has left Stasis
	 */
	public Mono<Void> continueInDialplan(@Nullable ChannelContinueInDialplanParams params) {
		return handOn(this.client.channels().continueInDialplan(this.channelId, params), Mono.never());
	}

	/**
	 * Moves the call to another Stasis application and waits until it has left this one.
	 * @param application the application
	 * @param args its arguments
	 * @return completes when the call has left; fails if Asterisk could not move it
	 */
	public Mono<Void> moveTo(String application, String... args) {
		return Mono.defer(() -> {
			CompletableFuture<ApplicationMoveFailed> move = new CompletableFuture<>();
			this.moving = move;
			Mono<Void> failed = Mono.fromFuture(move, true)
				.flatMap((event) -> Mono.error(new IllegalStateException(
						"Asterisk could not move call " + this.channelId + " to application " + application)));
			return handOn(this.client.channels().move(this.channelId, application,
					(args.length > 0) ? String.join(",", args) : null), failed);
		});
	}

	private Mono<Void> handOn(Mono<Void> request, Mono<Void> failure) {
		return Mono.defer(() -> {
			CallEndedException ended = this.end.getNow(null);
			if (ended != null) {
				return Mono.error(ended);
			}
			this.handedOn = true;
			return request.then(Mono.firstWithSignal(whenEnded(), failure))
				.doOnError((ex) -> this.handedOn = isEnded());
		});
	}

	/**
	 * Hands the call on without hanging it up when the script ends: someone else (an
	 * ordinary handler, a bridge the script leaves behind) takes care of it. Legs and bridges
	 * of this call are left as they are too.
	 */
	public void release() {
		this.handedOn = true;
	}

	/**
	 * Whether the call was handed on: released, continued in the dialplan or moved.
	 * @return whether it was
	 */
	public boolean isHandedOn() {
		return this.handedOn;
	}

	/**
	 * Hangs up the call. Does nothing if it has ended already; never fails because the
	 * caller hung up first.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> hangup() {
		return Mono.defer(() -> {
			if (isEnded()) {
				return Mono.<Void>empty();
			}
			return this.client.channels()
				.hangup(this.channelId, null, null)
				.onErrorResume(AriException.NotFound.class, (ex) -> Mono.empty())
				.doOnSuccess((ignored) -> end("hung up by the application", 16));
		});
	}

	/**
	 * Completes (without error) when the call ends. For a leg, fails with
	 * {@link CallEndedException} if the call that dialled it ends first.
	 * @return completes when the call has ended
	 */
	public Mono<Void> whenEnded() {
		Mono<Void> ended = Mono.fromFuture(this.end, true).then();
		ReactiveCall parent = this.parent;
		return (parent != null) ? Mono.firstWithSignal(ended, parent.endSignal()) : ended;
	}

	/**
	 * Calls a listener with each event of this call's channel of a type, on the channel's
	 * event lane (so it must not block), until the call ends or the registration is closed.
	 * @param <E> the event type
	 * @param type the event type, such as {@code ChannelDtmfReceived.class}
	 * @param listener the listener
	 * @return the registration
	 */
	public <E extends AriEvent> ListenerRegistration on(Class<E> type, Consumer<? super E> listener) {
		ScopedListener<E> scoped = new ScopedListener<>(type, listener);
		if (!isEnded()) {
			this.listeners.add(scoped);
		}
		return () -> this.listeners.remove(scoped);
	}

	// Scope

	@Override
	public <T> Mono<T> guard(Mono<T> operation) {
		Mono<T> checked = Mono.defer(() -> {
			CallEndedException ended = endedException();
			return (ended != null) ? Mono.<T>error(ended) : operation;
		}).onErrorResume(ReactiveCall::isRequestError,
				(ex) -> this.<T>endSignal().timeout(ENDING_GRACE, Mono.error(ex)));
		ReactiveCall parent = this.parent;
		return (parent != null) ? Mono.firstWithSignal(checked, endSignal(), parent.endSignal())
				: Mono.firstWithSignal(checked, endSignal());
	}

	private @Nullable CallEndedException endedException() {
		CallEndedException ended = this.end.getNow(null);
		if (ended == null && this.parent != null) {
			ended = this.parent.end.getNow(null);
		}
		return ended;
	}

	private <T> Mono<T> endSignal() {
		return Mono.fromFuture(this.end, true).flatMap(Mono::error);
	}

	/** A 4xx answer about the call's channel may come before the events that say it ended. */
	private static boolean isRequestError(Throwable ex) {
		return ex instanceof AriException ariException && ariException.statusCode() >= 400
				&& ariException.statusCode() < 500;
	}

	@Override
	public void track(ListenerRegistration registration) {
		this.taps.add(registration);
	}

	/**
	 * What the end of the script leaves behind: nothing, unless the call was handed on. Hangs
	 * up the call and the legs it dialled, destroys its bridges, and removes every tap.
	 */
	Mono<Void> cleanup() {
		List<Mono<Void>> steps = new ArrayList<>();
		if (!this.handedOn) {
			for (ReactiveBridgeHandle bridge : this.bridges) {
				steps.add(quietly(bridge.destroy(), bridge));
			}
			for (ReactiveCall leg : this.legs) {
				if (!leg.handedOn) {
					steps.add(quietly(leg.hangup(), leg));
				}
			}
			steps.add(quietly(hangup(), this));
		}
		return Flux.concat(steps).then().doFinally((signal) -> closeTaps());
	}

	private void closeTaps() {
		this.listeners.clear();
		this.taps.forEach(ListenerRegistration::close);
		this.taps.clear();
		this.legs.forEach(ReactiveCall::closeTaps);
	}

	private static Mono<Void> quietly(Mono<Void> step, Object what) {
		return step.onErrorResume((ex) -> {
			logger.warn("Could not clean up " + what + " after its call script ended: " + ex);
			return Mono.empty();
		});
	}

	@Override
	public String toString() {
		return "Call " + this.channelId;
	}

	/** A listener for one event type, scoped to the call. */
	private final class ScopedListener<E extends AriEvent> {

		private final Class<E> type;

		private final Consumer<? super E> listener;

		ScopedListener(Class<E> type, Consumer<? super E> listener) {
			this.type = type;
			this.listener = listener;
		}

		void offer(AriEvent event) {
			if (!this.type.isInstance(event)) {
				return;
			}
			try {
				this.listener.accept(this.type.cast(event));
			}
			catch (RuntimeException ex) {
				ReactiveCall.this.calls.listenerFailed(ReactiveCall.this, event, ex);
			}
		}

	}

}
