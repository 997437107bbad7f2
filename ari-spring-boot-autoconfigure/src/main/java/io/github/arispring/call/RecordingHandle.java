package io.github.arispring.call;

import io.github.arispring.model.LiveRecording;

/**
 * A live recording, blocking twin of {@link ReactiveRecordingHandle}.
 */
public final class RecordingHandle {

	private final ReactiveRecordingHandle reactive;

	RecordingHandle(ReactiveRecordingHandle reactive) {
		this.reactive = reactive;
	}

	/**
	 * The recording's name.
	 * @return the name
	 */
	public String name() {
		return this.reactive.name();
	}

	/**
	 * Whether the recording has ended.
	 * @return whether it has
	 */
	public boolean isDone() {
		return this.reactive.isDone();
	}

	/**
	 * Waits until the recording has ended.
	 * @return the recording: state {@code done}, {@code canceled} or {@code failed}
	 * @throws CallEndedException if its call ends first
	 */
	public LiveRecording await() {
		return Blocking.await(this.reactive.finished());
	}

	/**
	 * Stops the recording and keeps it; does nothing if it has ended.
	 */
	public void stop() {
		this.reactive.stop().block();
	}

	/**
	 * Stops the recording and discards it; does nothing if it has ended.
	 */
	public void cancel() {
		this.reactive.cancel().block();
	}

	/**
	 * The reactive twin.
	 * @return the handle
	 */
	public ReactiveRecordingHandle reactive() {
		return this.reactive;
	}

	@Override
	public String toString() {
		return this.reactive.toString();
	}

}
