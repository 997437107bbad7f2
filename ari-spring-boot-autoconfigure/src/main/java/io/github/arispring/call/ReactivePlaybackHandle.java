package io.github.arispring.call;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import io.github.arispring.client.AriException;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.PlaybackFinished;
import io.github.arispring.event.PlaybackStarted;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.model.Playback;

/**
 * A playback on a channel or a bridge, started with an id chosen before the request so that
 * its {@code PlaybackFinished} is caught even when Asterisk sends it before the answer to the
 * play request. {@link PlaybackHandle} is the blocking twin.
 */
public final class ReactivePlaybackHandle {

	private final String id;

	private final ReactiveAriClient client;

	private final CallScope scope;

	private final CompletableFuture<Playback> finished = new CompletableFuture<>();

	private final CompletableFuture<Playback> started = new CompletableFuture<>();

	private final ListenerRegistration tap;

	ReactivePlaybackHandle(String id, AriEventSource source, EventTaps taps, CallScope scope) {
		this.id = id;
		this.client = source.reactiveClient();
		this.scope = scope;
		this.tap = taps.add(source, EventTaps.PLAYBACK + id, this::onEvent);
		scope.track(this.tap);
	}

	/**
	 * Starts a playback: adds the tap, then sends the request.
	 * @param source the Asterisk
	 * @param taps the taps
	 * @param scope the call the playback belongs to
	 * @param media the media URIs
	 * @param request sends the play request with the given playback id and media
	 * @return the handle once Asterisk accepted the playback
	 */
	static Mono<ReactivePlaybackHandle> start(AriEventSource source, EventTaps taps, CallScope scope,
			List<String> media, Function<String, Mono<Playback>> request) {
		if (media.isEmpty()) {
			return Mono.error(new IllegalArgumentException("Nothing to play: give at least one media URI"));
		}
		return Mono.defer(() -> {
			ReactivePlaybackHandle handle = new ReactivePlaybackHandle(UUID.randomUUID().toString(), source, taps,
					scope);
			return scope.guard(request.apply(handle.id)).thenReturn(handle).doOnError((ex) -> handle.tap.close());
		});
	}

	private void onEvent(AriEvent event) {
		if (event instanceof PlaybackStarted playbackStarted) {
			this.started.complete(playbackStarted.playback());
		}
		else if (event instanceof PlaybackFinished playbackFinished) {
			this.tap.close();
			this.started.complete(playbackFinished.playback());
			this.finished.complete(playbackFinished.playback());
		}
	}

	/**
	 * The playback id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Whether the playback has finished (done, stopped or failed).
	 * @return whether it has
	 */
	public boolean isDone() {
		return this.finished.isDone();
	}

	/**
	 * Completes when the playback has finished, with its last state ({@code done} or
	 * {@code failed}); fails with {@link CallEndedException} if its call ends first.
	 * @return the finished playback
	 */
	public Mono<Playback> finished() {
		return this.scope.guard(Mono.fromFuture(this.finished, true));
	}

	/**
	 * Stops the playback; does nothing if it has finished already. Does not wait for
	 * {@code PlaybackFinished}: use {@link #finished()} for that.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> stop() {
		return Mono.defer(() -> isDone() ? Mono.<Void>empty()
				: this.client.playbacks().stop(this.id).onErrorResume(AriException.NotFound.class, (ex) -> Mono.empty()));
	}

	/**
	 * Stops listening for this playback's events; the playback itself is left alone. Handles made for
	 * ordinary handlers need it when they are not waited for to the end.
	 */
	public void close() {
		this.tap.close();
	}

	@Override
	public String toString() {
		return "Playback " + this.id;
	}

}
