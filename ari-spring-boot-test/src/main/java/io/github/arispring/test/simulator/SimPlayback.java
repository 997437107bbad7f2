package io.github.arispring.test.simulator;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import io.github.arispring.model.Playback;

/** A playback: a list of media played one after the other to one target. */
final class SimPlayback {

	final String id;

	final MediaTarget target;

	final List<String> media;

	final String language;

	int index;

	String state = "queued";

	@Nullable Disposable timer;

	SimPlayback(String id, MediaTarget target, List<String> media, String language) {
		this.id = id;
		this.target = target;
		this.media = media;
		this.language = language;
	}

	String currentMedia() {
		return this.media.get(this.index);
	}

	Playback snapshot() {
		String next = (this.index + 1 < this.media.size()) ? this.media.get(this.index + 1) : null;
		return new Playback(this.id, currentMedia(), next, this.target.targetUri(), this.language, this.state, null);
	}

}
