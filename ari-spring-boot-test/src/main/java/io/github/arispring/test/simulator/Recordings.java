package io.github.arispring.test.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.github.arispring.event.RecordingFailed;
import io.github.arispring.event.RecordingFinished;
import io.github.arispring.event.RecordingStarted;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.StoredRecording;

/**
 * The {@code /recordings} resource and {@code record} on channels and bridges: live recordings,
 * and the stored ones they leave behind.
 */
final class Recordings {

	private static final Set<String> RECORDING_FORMATS = Set.of("wav", "WAV", "wav16", "wav49", "gsm", "ulaw",
			"alaw", "sln", "sln16", "g722", "g729", "g726", "ogg", "h263", "h264");

	private final SimulatorState state;

	private final Map<String, SimRecording> liveRecordings = new LinkedHashMap<>();

	/** Stored recordings: name to format. */
	private final Map<String, String> storedRecordings = new TreeMap<>();

	Recordings(SimulatorState state) {
		this.state = state;
	}

	/** Under the lock: forgets every live and stored recording, without events. */
	void reset() {
		this.liveRecordings.values().forEach((recording) -> SimulatorState.cancelTimer(recording.timer));
		this.liveRecordings.clear();
		this.storedRecordings.clear();
	}

	LiveRecording recordChannel(String channelId, RecordRequest request) {
		return this.state.locked(() -> {
			validate(request);
			SimChannel channel = this.state.channels.controlled(channelId);
			return record(channel, request, (channel.bridge != null) ? "Cannot record channel while in bridge" : null);
		});
	}

	LiveRecording recordBridge(String bridgeId, RecordRequest request) {
		return this.state.locked(() -> {
			SimBridge bridge = this.state.bridges.controlled(bridgeId);
			validate(request);
			return record(bridge, request, null);
		});
	}

	private static void validate(RecordRequest request) {
		if (request.maxDurationSeconds() < 0) {
			throw AriError.badRequest("max_duration_seconds cannot be negative");
		}
		if (request.maxSilenceSeconds() < 0) {
			throw AriError.badRequest("max_silence_seconds cannot be negative");
		}
	}

	private LiveRecording record(MediaTarget target, RecordRequest request, @Nullable String failure) {
		String terminateOn = Strings.orDefault(request.terminateOn(), "none");
		if (!Set.of("none", "any", "*", "#").contains(terminateOn)) {
			throw AriError.badRequest("terminateOn invalid");
		}
		String ifExists = Strings.orDefault(request.ifExists(), "fail");
		if (!Set.of("fail", "overwrite", "append").contains(ifExists)) {
			throw AriError.badRequest("ifExists invalid");
		}
		if (Strings.isEmpty(request.name()) || Strings.isEmpty(request.format())) {
			throw AriError.of(500, "Internal Server Error", "Error parsing request");
		}
		if (!RECORDING_FORMATS.contains(request.format())) {
			throw AriError.unprocessable("specified format is unknown on this system");
		}
		if (this.liveRecordings.containsKey(request.name())
				|| ("fail".equals(ifExists) && this.storedRecordings.containsKey(request.name()))) {
			throw AriError.conflict("Recording '" + request.name() + "' already exists and can not be overwritten");
		}
		SimRecording recording = new SimRecording(request.name(), request.format(), target, terminateOn);
		LiveRecording answer = recording.snapshot();
		if (failure != null) {
			recording.state = "failed";
			recording.cause = failure;
			this.state.emit(new RecordingFailed("RecordingFailed", this.state.now(), recording.snapshot(),
					this.state.id(), null, null), target.mediaApps());
			return answer;
		}
		if (target.recording != null) {
			finish(target.recording, "done");
		}
		recording.state = "recording";
		recording.started = Instant.now(this.state.settings.clock());
		target.recording = recording;
		this.liveRecordings.put(recording.name, recording);
		this.state.emit(new RecordingStarted("RecordingStarted", this.state.now(), recording.snapshot(),
				this.state.id(), null, null), target.mediaApps());
		if (request.maxDurationSeconds() > 0) {
			recording.timer = this.state.later(Duration.ofSeconds(request.maxDurationSeconds()),
					() -> finish(recording, "done"));
		}
		return answer;
	}

	LiveRecording live(String name) {
		return this.state
			.read(() -> SimulatorState.require(this.liveRecordings, name, AriError::recordingNotFound).snapshot());
	}

	void stop(String name, String state) {
		this.state.locked(
				() -> finish(SimulatorState.require(this.liveRecordings, name, AriError::recordingNotFound), state));
	}

	/** Under the lock, as a target goes away: its recording ends as "done". */
	void stopOn(MediaTarget target) {
		if (target.recording != null) {
			finish(target.recording, "done");
		}
	}

	/** Under the lock: ends a live recording; one that is done is stored. */
	void finish(SimRecording recording, String state) {
		if (this.liveRecordings.get(recording.name) != recording) {
			return;
		}
		SimulatorState.cancelTimer(recording.timer);
		recording.state = state;
		if ("done".equals(state) && recording.started != null) {
			recording.duration = (int) Duration.between(recording.started, Instant.now(this.state.settings.clock()))
				.toSeconds();
			this.storedRecordings.put(recording.name, recording.format);
		}
		this.liveRecordings.remove(recording.name);
		recording.target.recording = null;
		this.state.emit(new RecordingFinished("RecordingFinished", this.state.now(), recording.snapshot(),
				this.state.id(), null, null), recording.target.mediaApps());
	}

	/** Under the lock: whether a stored recording has this name. */
	boolean isStored(String name) {
		return this.storedRecordings.containsKey(name);
	}

	List<StoredRecording> stored() {
		return this.state.read(() -> this.storedRecordings.entrySet().stream()
			.map((entry) -> new StoredRecording(entry.getKey(), entry.getValue(), null))
			.toList());
	}

	StoredRecording stored(String name) {
		return this.state.read(() -> new StoredRecording(name,
				SimulatorState.require(this.storedRecordings, name, AriError::recordingNotFound), null));
	}

	void deleteStored(String name) {
		this.state.locked(() -> {
			if (this.storedRecordings.remove(name) == null) {
				throw AriError.recordingNotFound();
			}
		});
	}

	/** The parameters of a channel or bridge recording. */
	record RecordRequest(@Nullable String name, @Nullable String format, int maxDurationSeconds,
			int maxSilenceSeconds, @Nullable String ifExists, @Nullable String terminateOn) {

	}

}
