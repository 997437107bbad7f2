package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.github.arispring.model.Channel;

/**
 * One call in the simulator, seen from the test: the caller's side of an incoming call, or the
 * far end of a call the application originated. Queries read the simulator's current state;
 * actions raise the events Asterisk would; the {@code await} methods wait for the application to
 * do something and throw {@link AssertionError} when it does not in time. Thread-safe; call the
 * {@code await} methods from test threads, never from an event loop.
 */
public final class Call {

	private final SimulatorState state;

	private final SimChannel channel;

	Call(SimulatorState state, SimChannel channel) {
		this.state = state;
		this.channel = channel;
	}

	/**
	 * The channel id, as in ARI.
	 * @return the id
	 */
	public String id() {
		return this.channel.id;
	}

	/**
	 * The channel name, such as {@code PJSIP/caller-00000000}.
	 * @return the name
	 */
	public String name() {
		return this.channel.name;
	}

	/**
	 * The endpoint the application originated this call to.
	 * @return such as {@code PJSIP/alice}, or {@code null} for an incoming call
	 */
	public @Nullable String endpoint() {
		return this.state.read(() -> this.channel.endpoint);
	}

	/**
	 * The channel as {@code GET /channels/{id}} would show it, or as it was when it hung up.
	 * @return the snapshot
	 */
	public Channel snapshot() {
		return this.state.read(this.channel::snapshot);
	}

	/**
	 * The channel state: {@code Down}, {@code Ring} or {@code Up}.
	 * @return the state
	 */
	public String state() {
		return this.state.read(() -> this.channel.state);
	}

	/**
	 * The Stasis application the channel is in.
	 * @return the application, or {@code null} when it is in none
	 */
	public @Nullable String application() {
		return this.state.read(() -> this.channel.stasisApp);
	}

	/**
	 * The application that claimed the call from {@code StasisBroadcast()}; it stays known after
	 * the call ends.
	 * @return the application, or {@code null} if no claim succeeded (yet)
	 */
	public @Nullable String claimedBy() {
		return this.state.read(() -> this.channel.broadcastWinner);
	}

	/**
	 * The arguments of the channel's StasisStart.
	 * @return the arguments
	 */
	public List<String> args() {
		return this.state.read(() -> this.channel.stasisArgs);
	}

	/**
	 * Whether the channel is in a Stasis application.
	 * @return whether it is
	 */
	public boolean inStasis() {
		return this.state.read(this.channel::inStasis);
	}

	/**
	 * Whether the channel has been answered (reached {@code Up}) at some point.
	 * @return whether it has
	 */
	public boolean answered() {
		return this.state.read(() -> this.channel.answered);
	}

	/**
	 * Whether the call has hung up, whoever hung it up.
	 * @return whether it has
	 */
	public boolean hungUp() {
		return this.state.read(() -> this.channel.hangingUp);
	}

	/**
	 * The hangup cause, such as 16 (Normal Clearing), once the channel is destroyed.
	 * @return the cause, or {@code null}
	 */
	public @Nullable Integer hangupCause() {
		return this.state.read(() -> this.channel.hangupCause);
	}

	/**
	 * The media the caller heard, in the order they started: what was played to the channel and
	 * to bridges it was in, such as {@code sound:hello-world}.
	 * @return the media URIs
	 */
	public List<String> mediaPlayed() {
		return this.state.read(() -> List.copyOf(this.channel.mediaPlayed));
	}

	/**
	 * The channels this call has shared a bridge with, in the order they met.
	 * @return their ids
	 */
	public List<String> bridgedWith() {
		return this.state.read(() -> new ArrayList<>(this.channel.bridgedWith));
	}

	/**
	 * The bridge the channel is in now.
	 * @return the bridge id, if any
	 */
	public Optional<String> bridgeId() {
		return this.state.read(() -> Optional.ofNullable(this.channel.bridge).map((bridge) -> bridge.id));
	}

	/**
	 * The DTMF digits the application sent to this channel.
	 * @return the digits, in order
	 */
	public String dtmfSent() {
		return this.state.read(this.channel.dtmfSent::toString);
	}

	/**
	 * The channel variables that are set.
	 * @return the variables
	 */
	public Map<String, String> variables() {
		return this.state.read(() -> new LinkedHashMap<>(this.channel.variables));
	}

	/**
	 * The caller presses keys: a ChannelDtmfReceived for each digit, spaced by the simulator's
	 * DTMF interval.
	 * @param digits the digits, of {@code 0-9*#A-D}
	 * @return this call
	 */
	public Call pressDigits(String digits) {
		this.state.dtmf.press(this.channel, digits);
		return this;
	}

	/**
	 * The caller (or, for a call the application originated, the far end) hangs up:
	 * ChannelHangupRequest, StasisEnd and, where Asterisk sends them, ChannelDestroyed. Does
	 * nothing if the call has hung up already.
	 */
	public void hangUp() {
		this.state.channels.hangupFromRemote(this.channel);
	}

	/**
	 * Waits until the channel is in a state.
	 * @param state {@code Down}, {@code Ring} or {@code Up}
	 * @param timeout how long to wait
	 * @return this call
	 * @throws AssertionError if it is not in time
	 */
	public Call awaitState(String state, Duration timeout) {
		return await((call) -> state.equals(call.state()), "state " + state, timeout);
	}

	/**
	 * Waits until the application has answered.
	 * @param timeout how long to wait
	 * @return this call
	 * @throws AssertionError if it has not in time
	 */
	public Call awaitAnswered(Duration timeout) {
		return await(Call::answered, "answered", timeout);
	}

	/**
	 * Waits until the call has hung up.
	 * @param timeout how long to wait
	 * @return this call
	 * @throws AssertionError if it has not in time
	 */
	public Call awaitHangup(Duration timeout) {
		return await(Call::hungUp, "hung up", timeout);
	}

	/**
	 * Waits until a media item has started playing to the caller.
	 * @param mediaUri the media, such as {@code sound:hello-world}
	 * @param timeout how long to wait
	 * @return this call
	 * @throws AssertionError if it has not in time
	 */
	public Call awaitMediaPlayed(String mediaUri, Duration timeout) {
		return await((call) -> call.mediaPlayed().contains(mediaUri), "played " + mediaUri, timeout);
	}

	/**
	 * Waits until the call has shared a bridge with another channel.
	 * @param channelId the other channel
	 * @param timeout how long to wait
	 * @return this call
	 * @throws AssertionError if it has not in time
	 */
	public Call awaitBridgedWith(String channelId, Duration timeout) {
		return await((call) -> call.bridgedWith().contains(channelId), "bridged with " + channelId, timeout);
	}

	/**
	 * Waits until a condition on this call holds.
	 * @param condition the condition
	 * @param description what it means, for the failure message
	 * @param timeout how long to wait
	 * @return this call
	 * @throws AssertionError if it does not hold in time
	 */
	public Call await(Predicate<Call> condition, String description, Duration timeout) {
		if (!this.state.await(() -> condition.test(this), timeout)) {
			throw new AssertionError("Call " + this + " was not " + description + " within " + timeout);
		}
		return this;
	}

	@Override
	public String toString() {
		return this.state.read(() -> this.channel.id + " (" + this.channel.name + ", " + this.channel.state
				+ (this.channel.hangingUp ? ", hung up" : "") + ", played " + this.channel.mediaPlayed + ")");
	}

}
