package io.github.arispring.call;

import io.github.arispring.model.Playback;

/**
 * A playback, blocking twin of {@link ReactivePlaybackHandle}: {@link #await()} waits for it
 * to finish, {@link #stop()} ends it early.
 */
public final class PlaybackHandle {

	private final ReactivePlaybackHandle reactive;

	PlaybackHandle(ReactivePlaybackHandle reactive) {
		this.reactive = reactive;
	}

	/**
	 * The playback id.
	 * @return the id
	 */
	public String id() {
		return this.reactive.id();
	}

	/**
	 * Whether the playback has finished.
	 * @return whether it has
	 */
	public boolean isDone() {
		return this.reactive.isDone();
	}

	/**
	 * Waits until the playback has finished.
	 * @return the finished playback, state {@code done} or {@code failed}
	 * @throws CallEndedException if its call ends first
	 */
	public Playback await() {
		return Blocking.await(this.reactive.finished());
	}

	/**
	 * Stops the playback; does nothing if it has finished. Safe in event handlers: it only
	 * sends the request.
	 */
	public void stop() {
		this.reactive.stop().block();
	}

	/**
	 * Stops listening for this playback's events; the playback itself is left alone.
	 */
	public void close() {
		this.reactive.close();
	}

	/**
	 * The reactive twin.
	 * @return the handle
	 */
	public ReactivePlaybackHandle reactive() {
		return this.reactive;
	}

	@Override
	public String toString() {
		return this.reactive.toString();
	}

}
