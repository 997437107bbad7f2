package io.github.arispring.call;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.arispring.model.Playback;

/**
 * A bridge, blocking twin of {@link ReactiveBridgeHandle}.
 */
public final class BridgeHandle {

	private final ReactiveBridgeHandle reactive;

	BridgeHandle(ReactiveBridgeHandle reactive) {
		this.reactive = reactive;
	}

	/**
	 * The bridge id.
	 * @return the id
	 */
	public String id() {
		return this.reactive.id();
	}

	/**
	 * The channels in the bridge, as far as its events have told.
	 * @return the channel ids
	 */
	public Set<String> channelIds() {
		return this.reactive.channelIds();
	}

	/**
	 * Adds calls and waits until each has entered the bridge.
	 * @param calls the calls
	 */
	public void addChannel(Call... calls) {
		String[] ids = new String[calls.length];
		for (int i = 0; i < calls.length; i++) {
			ids[i] = calls[i].id();
		}
		addChannel(ids);
	}

	/**
	 * Adds channels and waits until each has entered the bridge.
	 * @param channelIds the channels
	 */
	public void addChannel(String... channelIds) {
		Blocking.run(this.reactive.addChannel(channelIds));
	}

	/**
	 * Removes channels from the bridge.
	 * @param channelIds the channels
	 */
	public void removeChannel(String... channelIds) {
		Blocking.run(this.reactive.removeChannel(channelIds));
	}

	/**
	 * Plays media to the bridge and waits until it has finished.
	 * @param media media URIs
	 * @return the finished playback
	 */
	public Playback play(String... media) {
		return Blocking.await(this.reactive.play(media));
	}

	/**
	 * Starts playing media to the bridge.
	 * @param media media URIs
	 * @return the playback
	 */
	public PlaybackHandle playAsync(String... media) {
		return new PlaybackHandle(Blocking.await(this.reactive.playAsync(media)));
	}

	/**
	 * Plays music on hold to the bridge.
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
	 * Destroys the bridge; its channels stay up. Does nothing if it is gone.
	 */
	public void destroy() {
		this.reactive.destroy().block();
	}

	/**
	 * Stops listening for this bridge's events; the bridge itself is left alone.
	 */
	public void close() {
		this.reactive.close();
	}

	/**
	 * The reactive twin.
	 * @return the handle
	 */
	public ReactiveBridgeHandle reactive() {
		return this.reactive;
	}

	@Override
	public String toString() {
		return this.reactive.toString();
	}

}
