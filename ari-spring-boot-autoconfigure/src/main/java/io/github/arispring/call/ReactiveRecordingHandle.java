package io.github.arispring.call;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import io.github.arispring.client.AriException;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.RecordingFailed;
import io.github.arispring.event.RecordingFinished;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.model.LiveRecording;

/**
 * A live recording, started under a name chosen before the request so that its events are
 * caught even when they arrive before the answer. {@link RecordingHandle} is the blocking twin.
 */
public final class ReactiveRecordingHandle {

	private final String name;

	private final ReactiveAriClient client;

	private final CallScope scope;

	private final CompletableFuture<LiveRecording> finished = new CompletableFuture<>();

	private final ListenerRegistration tap;

	ReactiveRecordingHandle(String name, AriEventSource source, EventTaps taps, CallScope scope) {
		this.name = name;
		this.client = source.reactiveClient();
		this.scope = scope;
		this.tap = taps.add(source, EventTaps.RECORDING + name, this::onEvent);
		scope.track(this.tap);
	}

	static Mono<ReactiveRecordingHandle> start(String name, AriEventSource source, EventTaps taps, CallScope scope,
			Function<String, Mono<LiveRecording>> request) {
		return Mono.defer(() -> {
			ReactiveRecordingHandle handle = new ReactiveRecordingHandle(name, source, taps, scope);
			return scope.guard(request.apply(name)).thenReturn(handle).doOnError((ex) -> handle.tap.close());
		});
	}

	private void onEvent(AriEvent event) {
		if (event instanceof RecordingFinished recordingFinished) {
			done(recordingFinished.recording());
		}
		else if (event instanceof RecordingFailed recordingFailed) {
			done(recordingFailed.recording());
		}
	}

	private void done(LiveRecording recording) {
		this.tap.close();
		this.finished.complete(recording);
	}

	/**
	 * The recording's name, which is also the name of the stored recording.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Whether the recording has ended.
	 * @return whether it has
	 */
	public boolean isDone() {
		return this.finished.isDone();
	}

	/**
	 * Completes when the recording has ended, with its last state: {@code done} (with its
	 * {@code duration}), {@code canceled} or {@code failed} (with a {@code cause}).
	 * @return the recording
	 */
	public Mono<LiveRecording> finished() {
		return this.scope.guard(Mono.fromFuture(this.finished, true));
	}

	/**
	 * Stops the recording and keeps it; does nothing if it has ended.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> stop() {
		return Mono.defer(() -> isDone() ? Mono.<Void>empty()
				: this.client.recordings().stop(this.name).onErrorResume(AriException.NotFound.class, (ex) -> Mono.empty()));
	}

	/**
	 * Stops the recording and discards it; does nothing if it has ended.
	 * @return completes when Asterisk accepted the request
	 */
	public Mono<Void> cancel() {
		return Mono.defer(() -> isDone() ? Mono.<Void>empty()
				: this.client.recordings().cancel(this.name).onErrorResume(AriException.NotFound.class, (ex) -> Mono.empty()));
	}

	@Override
	public String toString() {
		return "Recording " + this.name;
	}

}
