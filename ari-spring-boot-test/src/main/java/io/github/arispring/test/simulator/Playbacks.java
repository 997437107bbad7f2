package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.github.arispring.event.PlaybackContinuing;
import io.github.arispring.event.PlaybackFinished;
import io.github.arispring.event.PlaybackStarted;
import io.github.arispring.model.Playback;

/**
 * The {@code /playbacks} resource and {@code play} on channels and bridges: one playback plays
 * per target while the others wait, each media item for the configured duration.
 */
final class Playbacks {

	private static final Set<String> MEDIA_SCHEMES = Set.of("sound", "recording", "number", "digits",
			"characters", "tone");

	private final SimulatorState state;

	private final Map<String, SimPlayback> playbacks = new HashMap<>();

	Playbacks(SimulatorState state) {
		this.state = state;
	}

	/** Under the lock: forgets every playback, without events. */
	void reset() {
		this.playbacks.values().forEach((playback) -> SimulatorState.cancelTimer(playback.timer));
		this.playbacks.clear();
	}

	Playback playOnChannel(String channelId, List<String> media, @Nullable String language,
			@Nullable String playbackId, int offsetms, int skipms) {
		return this.state.locked(() -> {
			SimChannel channel = this.state.channels.controlledInValidState(channelId);
			if (skipms < 0) {
				throw AriError.badRequest("skipms cannot be negative");
			}
			if (offsetms < 0) {
				throw AriError.badRequest("offsetms cannot be negative");
			}
			if (media.isEmpty() || (playbackId != null && this.playbacks.containsKey(playbackId))) {
				throw AriError.of(500, "Internal Server Error", "Failed to queue media for playback");
			}
			return play(channel, media, language, playbackId);
		});
	}

	Playback playOnBridge(String bridgeId, List<String> media, @Nullable String language,
			@Nullable String playbackId) {
		return this.state.locked(() -> {
			SimBridge bridge = this.state.bridges.controlled(bridgeId);
			if (media.isEmpty() || (playbackId != null && this.playbacks.containsKey(playbackId))) {
				throw AriError.allocationFailed();
			}
			return play(bridge, media, language, playbackId);
		});
	}

	private Playback play(MediaTarget target, List<String> media, @Nullable String language,
			@Nullable String playbackId) {
		String id = (playbackId != null) ? playbackId : UUID.randomUUID().toString();
		SimPlayback playback = new SimPlayback(id, target, List.copyOf(media),
				(language != null) ? language : target.language());
		this.playbacks.put(id, playback);
		target.queued.add(playback);
		if (target.playing == null) {
			startNext(target);
		}
		return playback.snapshot();
	}

	Playback get(String playbackId) {
		return this.state.read(() -> require(playbackId).snapshot());
	}

	/** A playing playback ends as "done", as recorded; a queued one is canceled without an event. */
	void stop(String playbackId) {
		this.state.locked(() -> {
			SimPlayback playback = require(playbackId);
			if (playback.target.playing == playback) {
				end(playback, "done", true);
			}
			else {
				playback.target.queued.remove(playback);
				playback.state = "canceled";
				this.playbacks.remove(playbackId);
			}
		});
	}

	/** Under the lock, as a target goes away: fails what plays and cancels what waits. */
	void stopAll(MediaTarget target) {
		SimPlayback playing = target.playing;
		if (playing != null) {
			end(playing, "failed", false);
		}
		target.queued.forEach((playback) -> this.playbacks.remove(playback.id));
		target.queued.clear();
	}

	private SimPlayback require(String playbackId) {
		return SimulatorState.require(this.playbacks, playbackId, () -> AriError.notFound("Playback not found"));
	}

	private void startNext(MediaTarget target) {
		SimPlayback next = target.queued.poll();
		target.playing = next;
		if (next != null) {
			startMediaItem(next);
		}
	}

	private void startMediaItem(SimPlayback playback) {
		String uri = playback.currentMedia();
		if (!isPlayable(uri)) {
			end(playback, "failed", true);
			return;
		}
		playback.state = "playing";
		this.state.emit(new PlaybackStarted("PlaybackStarted", this.state.now(), playback.snapshot(), this.state.id(),
				null, null), playback.target.mediaApps());
		playback.target.heard(uri);
		Duration duration = this.state.settings.mediaDuration().apply(uri);
		if (duration != null) {
			playback.timer = this.state.later(duration, () -> mediaItemDone(playback));
		}
	}

	private boolean isPlayable(String uri) {
		int colon = uri.indexOf(':');
		String scheme = (colon > 0) ? uri.substring(0, colon) : "";
		if ("recording".equals(scheme)) {
			return this.state.recordings.isStored(uri.substring(colon + 1));
		}
		return MEDIA_SCHEMES.contains(scheme);
	}

	private void mediaItemDone(SimPlayback playback) {
		if (playback.target.playing != playback) {
			return;
		}
		if (playback.index + 1 < playback.media.size()) {
			playback.state = "continuing";
			this.state.emit(new PlaybackContinuing("PlaybackContinuing", this.state.now(), playback.snapshot(),
					this.state.id(), null, null), playback.target.mediaApps());
			playback.index++;
			startMediaItem(playback);
		}
		else {
			end(playback, "done", true);
		}
	}

	private void end(SimPlayback playback, String state, boolean startNext) {
		SimulatorState.cancelTimer(playback.timer);
		playback.state = state;
		this.state.emit(new PlaybackFinished("PlaybackFinished", this.state.now(), playback.snapshot(),
				this.state.id(), null, null), playback.target.mediaApps());
		this.playbacks.remove(playback.id);
		playback.target.playing = null;
		if (startNext) {
			startNext(playback.target);
		}
	}

}
