package io.github.arispring.test.simulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import io.github.arispring.model.LiveRecording;

/** A live recording of a channel or bridge, identified by its name. */
final class SimRecording {

	final String name;

	final String format;

	final MediaTarget target;

	final String terminateOn;

	String state = "queued";

	@Nullable Instant started;

	@Nullable Integer duration;

	@Nullable String cause;

	@Nullable Disposable timer;

	SimRecording(String name, String format, MediaTarget target, String terminateOn) {
		this.name = name;
		this.format = format;
		this.target = target;
		this.terminateOn = terminateOn;
	}

	boolean terminatesOn(String digit) {
		return "any".equals(this.terminateOn) || this.terminateOn.equals(digit);
	}

	LiveRecording snapshot() {
		return new LiveRecording(this.name, this.format, this.target.targetUri(), this.state, this.duration, null, null,
				this.cause, null);
	}

}
