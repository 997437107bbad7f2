package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.arispring.client.AriException;
import io.github.arispring.client.BridgeCreateParams;
import io.github.arispring.client.ChannelPlayParams;
import io.github.arispring.client.ChannelRecordParams;
import io.github.arispring.model.Bridge;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;
import io.github.arispring.model.StoredRecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Playbacks and recordings through the real REST this.client.
 */
class MediaOperationsTests extends AbstractSimulatorTests {

	private Call answeredCall(EventStream events, String application) {
		Call call = this.simulator.incomingCall("+15551234").into(application);
		this.client.channels().answer(call.id());
		events.nextTypes(2);
		return call;
	}

	@Test
	void aListOfMediaPlaysItemByItem() {
		try (EventStream events = EventStream.connect(this.simulator, "media")) {
			Call call = answeredCall(events, "media");
			Playback playback = this.client.channels().play(call.id(), List.of("sound:hello-world", "digits:123"));
			assertThat(playback.id()).matches("[0-9a-f-]{36}");
			assertThat(playback.targetUri()).isEqualTo("channel:" + call.id());
			JsonNode started = events.next("PlaybackStarted");
			assertThat(started.path("playback").path("next_media_uri").asString()).isEqualTo("digits:123");
			JsonNode continuing = events.next("PlaybackContinuing");
			assertThat(continuing.path("playback").path("state").asString()).isEqualTo("continuing");
			JsonNode second = events.next("PlaybackStarted");
			assertThat(second.path("playback").path("media_uri").asString()).isEqualTo("digits:123");
			assertThat(second.path("playback").has("next_media_uri")).isFalse();
			JsonNode finished = events.next("PlaybackFinished");
			assertThat(finished.path("playback").path("state").asString()).isEqualTo("done");
			assertThat(call.mediaPlayed()).containsExactly("sound:hello-world", "digits:123");
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> this.client.playbacks().get(playback.id()))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Playback not found"));
		}
	}

	@Test
	void playbacksQueueAndCanBeStopped() {
		try (EventStream events = EventStream.connect(this.simulator, "queue")) {
			Call call = answeredCall(events, "queue");
			Playback tone = this.client.channels().play(call.id(), List.of("tone:ring"),
					ChannelPlayParams.builder().playbackId("ringing").build());
			assertThat(tone.id()).isEqualTo("ringing");
			Playback queued = this.client.channels().playWithId(call.id(), "after", List.of("sound:beep"));
			assertThat(queued.state()).isEqualTo("queued");
			events.next("PlaybackStarted");
			// A tone plays until it is stopped, as on Asterisk.
			events.assertNoMore(Duration.ofMillis(200));
			assertThat(this.client.playbacks().get("ringing").state()).isEqualTo("playing");
			this.client.playbacks().stop("ringing");
			JsonNode finished = events.next("PlaybackFinished");
			assertThat(finished.path("playback").path("id").asString()).isEqualTo("ringing");
			assertThat(finished.path("playback").path("state").asString()).isEqualTo("done");
			assertThat(events.next("PlaybackStarted").path("playback").path("id").asString()).isEqualTo("after");
			events.next("PlaybackFinished");
			assertThat(call.mediaPlayed()).containsExactly("tone:ring", "sound:beep");
		}
	}

	@Test
	void aQueuedPlaybackStoppedIsCanceledSilently() {
		try (EventStream events = EventStream.connect(this.simulator, "cancel")) {
			Call call = answeredCall(events, "cancel");
			this.client.channels().play(call.id(), List.of("tone:ring"));
			this.client.channels().playWithId(call.id(), "never", List.of("sound:beep"));
			events.next("PlaybackStarted");
			this.client.playbacks().stop("never");
			events.assertNoMore(Duration.ofMillis(150));
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> this.client.playbacks().get("never"));
		}
	}

	@Test
	void hangupFailsThePlayingPlayback() {
		try (EventStream events = EventStream.connect(this.simulator, "fail")) {
			Call call = answeredCall(events, "fail");
			this.client.channels().play(call.id(), List.of("tone:ring"));
			events.next("PlaybackStarted");
			call.hangUp();
			events.next("ChannelHangupRequest");
			assertThat(events.next("PlaybackFinished").path("playback").path("state").asString()).isEqualTo("failed");
			events.next("StasisEnd");
		}
	}

	@Test
	void playingARecordingThatDoesNotExistFails() {
		try (EventStream events = EventStream.connect(this.simulator, "missing")) {
			Call call = answeredCall(events, "missing");
			Playback playback = this.client.channels().play(call.id(), List.of("recording:nothing"));
			assertThat(playback.state()).isEqualTo("failed");
			assertThat(events.next("PlaybackFinished").path("playback").path("state").asString()).isEqualTo("failed");
			assertThat(call.mediaPlayed()).isEmpty();
		}
	}

	@Test
	void playbackOnABridgeReachesItsMembers() {
		try (EventStream events = EventStream.connect(this.simulator, "bridged")) {
			Call a = answeredCall(events, "bridged");
			Call b = answeredCall(events, "bridged");
			Bridge bridge = this.client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			this.client.bridges().addChannel(bridge.id(), List.of(a.id(), b.id()), null);
			Playback playback = this.client.bridges().play(bridge.id(), List.of("sound:conf-onlyperson"));
			assertThat(playback.targetUri()).isEqualTo("bridge:" + bridge.id());
			assertThat(events.skipTo("PlaybackFinished").path("playback").path("target_uri").asString())
				.isEqualTo("bridge:" + bridge.id());
			assertThat(a.mediaPlayed()).containsExactly("sound:conf-onlyperson");
			assertThat(b.mediaPlayed()).containsExactly("sound:conf-onlyperson");
		}
	}

	@Test
	void recordStopAndStore() {
		try (EventStream events = EventStream.connect(this.simulator, "flow4")) {
			Call call = answeredCall(events, "flow4");
			LiveRecording recording = this.client.channels()
				.record(call.id(), "flow4-recording", "wav", ChannelRecordParams.builder().ifExists("overwrite").beep(false)
					.maxDurationSeconds(30).build());
			assertThat(recording.state()).isEqualTo("queued");
			assertThat(recording.targetUri()).isEqualTo("channel:" + call.id());
			assertThat(events.next("RecordingStarted").path("recording").path("state").asString()).isEqualTo("recording");
			assertThat(this.client.recordings().getLive("flow4-recording").state()).isEqualTo("recording");
			this.client.recordings().stop("flow4-recording");
			JsonNode finished = events.next("RecordingFinished");
			assertThat(finished.path("recording").path("state").asString()).isEqualTo("done");
			assertThat(finished.path("recording").path("duration").isInt()).isTrue();
			assertThat(this.client.recordings().getStored("flow4-recording").format()).isEqualTo("wav");
			assertThat(this.client.recordings().listStored()).extracting(StoredRecording::name).contains("flow4-recording");
			assertThatExceptionOfType(AriException.Conflict.class)
				.isThrownBy(() -> this.client.channels().record(call.id(), "flow4-recording", "wav"))
				.satisfies((ex) -> assertThat(ex.asteriskMessage())
					.isEqualTo("Recording 'flow4-recording' already exists and can not be overwritten"));
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> this.client.recordings().getLive("flow4-recording"));

			// The stored recording plays back.
			this.client.channels().play(call.id(), List.of("recording:flow4-recording"));
			assertThat(events.next("PlaybackStarted").path("playback").path("media_uri").asString())
				.isEqualTo("recording:flow4-recording");
			this.client.recordings().deleteStored("flow4-recording");
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> this.client.recordings().getStored("flow4-recording"));
		}
	}

	@Test
	void theCallerEndsARecordingWithTheTerminatingDigit() {
		try (EventStream events = EventStream.connect(this.simulator, "voicemail")) {
			Call call = answeredCall(events, "voicemail");
			this.client.channels().record(call.id(), "message", "wav", ChannelRecordParams.builder().terminateOn("#").build());
			events.next("RecordingStarted");
			call.pressDigits("1#");
			assertThat(events.next("ChannelDtmfReceived").path("digit").asString()).isEqualTo("1");
			assertThat(events.next("ChannelDtmfReceived").path("digit").asString()).isEqualTo("#");
			assertThat(events.next("RecordingFinished").path("recording").path("name").asString()).isEqualTo("message");
		}
	}

	@Test
	void aCanceledRecordingIsNotStored() {
		try (EventStream events = EventStream.connect(this.simulator, "cancelrec")) {
			Call call = answeredCall(events, "cancelrec");
			this.client.channels().record(call.id(), "scrap", "wav");
			events.next("RecordingStarted");
			this.client.recordings().cancel("scrap");
			assertThat(events.next("RecordingFinished").path("recording").path("state").asString()).isEqualTo("canceled");
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> this.client.recordings().getStored("scrap"));
		}
	}

	@Test
	void recordingAChannelInABridgeFailsAsRecorded() {
		try (EventStream events = EventStream.connect(this.simulator, "misc")) {
			Call call = answeredCall(events, "misc");
			Bridge bridge = this.client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			this.client.bridges().addChannel(bridge.id(), List.of(call.id()), null);
			events.next("ChannelEnteredBridge");
			LiveRecording recording = this.client.channels().record(call.id(), "misc-in-bridge", "wav");
			assertThat(recording.state()).isEqualTo("queued");
			JsonNode failed = events.next("RecordingFailed");
			assertThat(failed.path("recording").path("cause").asString()).isEqualTo("Cannot record channel while in bridge");
			LiveRecording ofBridge = this.client.bridges().record(bridge.id(), "bridge-rec", "wav");
			assertThat(ofBridge.targetUri()).isEqualTo("bridge:" + bridge.id());
			events.next("RecordingStarted");
			assertThatExceptionOfType(AriException.UnprocessableEntity.class)
				.isThrownBy(() -> this.client.channels().record(call.id(), "bad-format", "nosuchformat"));
		}
	}

}
