package io.github.arispring.test.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What media plays to and records from: a channel or a bridge. Asterisk plays one playback at a
 * time per target and queues the others.
 */
abstract sealed class MediaTarget permits SimChannel, SimBridge {

	final Deque<SimPlayback> queued = new ArrayDeque<>();

	@Nullable SimPlayback playing;

	@Nullable SimRecording recording;

	/** Such as {@code channel:1795836578.1} or {@code bridge:<id>}. */
	abstract String targetUri();

	/** The applications that get this target's playback and recording events. */
	abstract Set<String> mediaApps();

	abstract String language();

	/** Notes for the scenario API that a media item started on this target. */
	abstract void heard(String mediaUri);

}
