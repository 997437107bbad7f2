package io.github.arispring.call;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.github.arispring.client.ChannelContinueInDialplanParams;
import io.github.arispring.client.ChannelOriginateWithIdParams;
import io.github.arispring.client.ChannelRecordParams;
import io.github.arispring.event.AriEvent;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.model.Channel;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;

/**
 * One call, driven by a script that reads top to bottom: each verb sends its request and
 * waits for the events that finish it, on the script's own thread, while the call's events
 * keep flowing on their lane. The blocking twin of {@link ReactiveCall}.
 * <p>
 * When the call ends (the caller hangs up, or the channel leaves Stasis), the verb in
 * progress and every later one throw {@link CallEndedException}, so a script needs no check
 * after each step. {@link #hangup()} never throws it. Digits the caller presses are kept until
 * {@link #collectDigits} takes them. Verbs must not be called from an ordinary event handler:
 * they would wait for events queued behind it, and say so.
 */
public final class Call {

	private final ReactiveCall reactive;

	Call(ReactiveCall reactive) {
		this.reactive = reactive;
	}

	/**
	 * The channel id.
	 * @return the id
	 */
	public String id() {
		return this.reactive.id();
	}

	/**
	 * The channel as its latest event described it.
	 * @return the channel
	 */
	public @Nullable Channel channel() {
		return this.reactive.channel();
	}

	/**
	 * The Stasis application the call is in.
	 * @return the application
	 */
	public String application() {
		return this.reactive.application();
	}

	/**
	 * The arguments of {@code Stasis(app,args)}.
	 * @return the arguments, empty if none
	 */
	public List<String> args() {
		return this.reactive.args();
	}

	/**
	 * The Asterisk the call is on, with its clients.
	 * @return the source
	 */
	public AriEventSource source() {
		return this.reactive.source();
	}

	/**
	 * Whether the call has ended.
	 * @return whether it has
	 */
	public boolean isEnded() {
		return this.reactive.isEnded();
	}

	/**
	 * The reactive twin of this call.
	 * @return the call
	 */
	public ReactiveCall reactive() {
		return this.reactive;
	}

	/**
	 * Answers the call.
	 */
	public void answer() {
		Blocking.run(this.reactive.answer());
	}

	/**
	 * Plays media and waits until it has finished; digits pressed meanwhile are kept.
	 * @param media media URIs, such as {@code sound:hello-world} or {@code digits:123}
	 * @return the finished playback
	 */
	public Playback play(String... media) {
		return Blocking.await(this.reactive.play(media));
	}

	/**
	 * Starts playing media and returns at once.
	 * @param media media URIs
	 * @return the playback, to wait for or stop
	 */
	public PlaybackHandle playAsync(String... media) {
		return new PlaybackHandle(Blocking.await(this.reactive.playAsync(media)));
	}

	/**
	 * Collects digits, starting with those pressed already and not yet collected.
	 * @param options how many, which terminator, how long
	 * @return the digits
	 */
	public Digits collectDigits(DigitOptions options) {
		return Blocking.await(this.reactive.collectDigits(options));
	}

	/**
	 * Plays a prompt that the first digit interrupts, then collects digits, that digit
	 * first. Skips the prompt if digits are waiting already.
	 * @param options how many, which terminator, how long
	 * @param prompt media URIs of the prompt
	 * @return the digits
	 */
	public Digits collectDigits(DigitOptions options, String... prompt) {
		return Blocking.await(this.reactive.collectDigits(options, prompt));
	}

	/**
	 * Discards the digits pressed and not yet collected.
	 * @return the digits discarded
	 */
	public String clearDigits() {
		return this.reactive.clearDigits();
	}

	/**
	 * Records the caller and waits until the recording ends.
	 * @param name the recording's name
	 * @param format the format, such as {@code wav}
	 * @param params further parameters (maximum duration and silence, terminating key), or
	 * {@code null}
	 * @return the ended recording
	 */
	public LiveRecording record(String name, String format, @Nullable ChannelRecordParams params) {
		return Blocking.await(this.reactive.record(name, format, params));
	}

	/**
	 * Starts recording the caller and returns at once.
	 * @param name the recording's name
	 * @param format the format
	 * @param params further parameters, or {@code null}
	 * @return the recording, to wait for, stop or cancel
	 */
	public RecordingHandle recordAsync(String name, String format, @Nullable ChannelRecordParams params) {
		return new RecordingHandle(Blocking.await(this.reactive.recordAsync(name, format, params)));
	}

	/**
	 * Calls an endpoint and waits until it answers. The leg is hung up when this script ends
	 * unless it was handed on.
	 * @param endpoint the endpoint, such as {@code PJSIP/alice}
	 * @param timeout how long it may ring
	 * @return the answered leg
	 * @throws DialFailedException if it does not answer in time or cannot be reached
	 */
	public Call dial(String endpoint, Duration timeout) {
		return Blocking.await(this.reactive.dial(endpoint, timeout)).blocking();
	}

	/**
	 * Calls an endpoint with further originate parameters and waits until it answers.
	 * @param endpoint the endpoint
	 * @param timeout how long it may ring
	 * @param params such as the caller id or variables; or {@code null}
	 * @return the answered leg
	 * @throws DialFailedException if it does not answer in time or cannot be reached
	 */
	public Call dial(String endpoint, Duration timeout, @Nullable ChannelOriginateWithIdParams params) {
		return Blocking.await(this.reactive.dial(endpoint, timeout, params)).blocking();
	}

	/**
	 * Bridges this call with another and waits until the other call ends; then destroys the
	 * bridge and returns, this call still up.
	 * @param other the other call
	 * @throws CallEndedException if this call ends first
	 */
	public void bridgeWith(Call other) {
		Blocking.run(this.reactive.bridgeWith(other.reactive));
	}

	/**
	 * Bridges this call with another and returns once both are in the bridge.
	 * @param other the other call
	 * @return the bridge
	 */
	public BridgeHandle bridgeWithAsync(Call other) {
		return new BridgeHandle(Blocking.await(this.reactive.bridgeWithAsync(other.reactive)));
	}

	/**
	 * Creates a bridge this script owns (destroyed when it ends unless the call is released).
	 * @param type such as {@code mixing} or {@code holding}
	 * @return the bridge
	 */
	public BridgeHandle createBridge(String type) {
		return new BridgeHandle(Blocking.await(this.reactive.createBridge(type)));
	}

	/**
	 * Puts the call on hold.
	 */
	public void hold() {
		Blocking.run(this.reactive.hold());
	}

	/**
	 * Takes the call off hold.
	 */
	public void unhold() {
		Blocking.run(this.reactive.unhold());
	}

	/**
	 * Plays music on hold until {@link #stopMoh()}.
	 * @param mohClass the music class, or {@code null} for the default
	 */
	public void startMoh(@Nullable String mohClass) {
		Blocking.run(this.reactive.startMoh(mohClass));
	}

	/**
	 * Stops music on hold.
	 */
	public void stopMoh() {
		Blocking.run(this.reactive.stopMoh());
	}

	/**
	 * Sets a channel variable.
	 * @param name the variable
	 * @param value the value
	 */
	public void setVariable(String name, String value) {
		Blocking.run(this.reactive.setVariable(name, value));
	}

	/**
	 * Reads a channel variable.
	 * @param name the variable
	 * @return its value, or {@code null} if it is not set
	 */
	public @Nullable String getVariable(String name) {
		return Blocking.await(this.reactive.getVariable(name));
	}

	/**
	 * Hands the call back to the dialplan after its {@code Stasis()}, and waits until it has
	 * left; the script no longer owns it, and later verbs throw {@link CallEndedException}.
	 */
	public void continueInDialplan() {
		Blocking.run(this.reactive.continueInDialplan());
	}

	/**
	 * Hands the call back to the dialplan at a given place.
	 * @param params the context, extension and priority or label
	 */
	public void continueInDialplan(ChannelContinueInDialplanParams params) {
		Blocking.run(this.reactive.continueInDialplan(params));
	}

	/**
	 * Moves the call to another Stasis application and waits until it has left this one.
	 * @param application the application
	 * @param args its arguments
	 */
	public void moveTo(String application, String... args) {
		Blocking.run(this.reactive.moveTo(application, args));
	}

	/**
	 * Hands the call on: it is not hung up when the script ends, nor are its legs and bridges.
	 */
	public void release() {
		this.reactive.release();
	}

	/**
	 * Hangs up the call; does nothing if it has ended. Never throws {@link CallEndedException}.
	 */
	public void hangup() {
		Blocking.run(this.reactive.hangup());
	}

	/**
	 * Waits until the call ends, and returns normally then.
	 */
	public void awaitEnd() {
		Blocking.run(this.reactive.whenEnded());
	}

	/**
	 * Calls a listener with each event of this call's channel of a type, on the channel's
	 * event lane (it must not block), until the call ends or the registration is closed.
	 * @param <E> the event type
	 * @param type the event type, such as {@code ChannelDtmfReceived.class}
	 * @param listener the listener
	 * @return the registration
	 */
	public <E extends AriEvent> ListenerRegistration on(Class<E> type, Consumer<? super E> listener) {
		return this.reactive.on(type, listener);
	}

	@Override
	public String toString() {
		return this.reactive.toString();
	}

}
