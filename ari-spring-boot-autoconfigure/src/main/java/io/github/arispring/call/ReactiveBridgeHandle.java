package io.github.arispring.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.arispring.client.AriException;
import io.github.arispring.client.BridgePlayWithIdParams;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.BridgeDestroyed;
import io.github.arispring.event.ChannelEnteredBridge;
import io.github.arispring.event.ChannelLeftBridge;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.model.Playback;

/**
 * A bridge and its operations. Knows its members from {@code ChannelEnteredBridge} and
 * {@code ChannelLeftBridge}, so {@link #addChannel} can wait until the channels are in.
 * {@link BridgeHandle} is the blocking twin.
 */
public final class ReactiveBridgeHandle {

	private final String id;

	private final AriEventSource source;

	private final ReactiveAriClient client;

	private final EventTaps taps;

	private final CallScope scope;

	private final Set<String> members = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<String, CompletableFuture<Void>> entering = new ConcurrentHashMap<>();

	private final ListenerRegistration tap;

	private volatile boolean destroyed;

	ReactiveBridgeHandle(String id, AriEventSource source, EventTaps taps, CallScope scope) {
		this.id = id;
		this.source = source;
		this.client = source.reactiveClient();
		this.taps = taps;
		this.scope = scope;
		this.tap = taps.add(source, EventTaps.BRIDGE + id, this::onEvent);
		scope.track(this.tap);
	}

	private void onEvent(AriEvent event) {
		if (event instanceof ChannelEnteredBridge entered && entered.channel() != null) {
			this.members.add(entered.channel().id());
			entering(entered.channel().id()).complete(null);
		}
		else if (event instanceof ChannelLeftBridge left && left.channel() != null) {
			this.members.remove(left.channel().id());
			this.entering.remove(left.channel().id());
		}
		else if (event instanceof BridgeDestroyed) {
			this.destroyed = true;
			this.members.clear();
			this.tap.close();
		}
	}

	private CompletableFuture<Void> entering(String channelId) {
		return this.entering.computeIfAbsent(channelId, (key) -> new CompletableFuture<>());
	}

	/**
	 * The bridge id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The channels in the bridge, as far as its events have told.
	 * @return the channel ids
	 */
	public Set<String> channelIds() {
		return Set.copyOf(this.members);
	}

	/**
	 * Adds channels and waits until each has entered the bridge.
	 * @param channelIds the channels
	 * @return completes when all are in
	 */
	public Mono<Void> addChannel(String... channelIds) {
		return Mono.defer(() -> {
			List<Mono<Void>> entered = new ArrayList<>();
			for (String channelId : channelIds) {
				entered.add(Mono.fromFuture(entering(channelId), true));
			}
			return this.scope.guard(this.client.bridges()
				.addChannel(this.id, List.of(channelIds), null)
				.then(Mono.when(entered)));
		});
	}

	/**
	 * Removes channels from the bridge.
	 * @param channelIds the channels
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> removeChannel(String... channelIds) {
		return this.scope.guard(this.client.bridges().removeChannel(this.id, List.of(channelIds)));
	}

	/**
	 * Plays media to everyone in the bridge and waits until it has finished.
	 * @param media media URIs, such as {@code sound:hello-world}
	 * @return the finished playback
	 */
	public Mono<Playback> play(String... media) {
		return playAsync(media).flatMap(ReactivePlaybackHandle::finished);
	}

	/**
	 * Starts playing media to everyone in the bridge.
	 * @param media media URIs
	 * @return the playback, once Asterisk accepted it
	 */
	public Mono<ReactivePlaybackHandle> playAsync(String... media) {
		return ReactivePlaybackHandle.start(this.source, this.taps, this.scope, List.of(media),
				(playbackId) -> this.client.bridges()
					.playWithId(this.id, playbackId, List.of(media), BridgePlayWithIdParams.builder().build()));
	}

	/**
	 * Plays music on hold to the bridge.
	 * @param mohClass the music class, or {@code null} for the default
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> startMoh(@Nullable String mohClass) {
		return this.scope.guard(this.client.bridges().startMoh(this.id, mohClass));
	}

	/**
	 * Stops music on hold.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> stopMoh() {
		return this.scope.guard(this.client.bridges().stopMoh(this.id));
	}

	/**
	 * Destroys the bridge; its channels stay up. Does nothing if it is gone already.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> destroy() {
		return Mono.defer(() -> {
			if (this.destroyed) {
				return Mono.<Void>empty();
			}
			this.destroyed = true;
			this.tap.close();
			return this.client.bridges().destroy(this.id).onErrorResume(AriException.NotFound.class, (ex) -> Mono.empty());
		});
	}

	boolean isDestroyed() {
		return this.destroyed;
	}

	/**
	 * Stops listening for this bridge's events; the bridge itself is left alone. Handles made for
	 * ordinary handlers need it when they are not waited for to the end.
	 */
	public void close() {
		this.tap.close();
	}

	@Override
	public String toString() {
		return "Bridge " + this.id;
	}

}
