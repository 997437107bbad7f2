package io.github.arispring.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.StoredRecording;

import static io.github.arispring.client.AriWireMock.delete;
import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link RecordingsApi} and {@link ReactiveRecordingsApi} against recorded Asterisk answers.
 */
class RecordingsApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void recordingsGetStoredFileShouldReturnExactBytes() {
		ari.respond("recordings/getStoredFile.wav");
		byte[] wav = AriWireMock.sample("recordings/getStoredFile.wav");
		List<byte[]> files = ari.call(get("/ari/recordings/stored/sample-recording/file"),
				() -> ari.client(RecordingsApi.class).getStoredFile("sample-recording"),
				() -> ari.client(ReactiveRecordingsApi.class).getStoredFile("sample-recording"));
		assertThat(wav).hasSize(19564).startsWith('R', 'I', 'F', 'F');
		assertThat(files).allSatisfy((file) -> assertThat(file).isEqualTo(wav));
	}

	@Test
	void recordingsStoredShouldUseEveryMethod() {
		ari.respond("recordings/listStored.json");
		List<List<StoredRecording>> lists = ari.call(get("/ari/recordings/stored"),
				() -> ari.client(RecordingsApi.class).listStored(),
				() -> ari.client(ReactiveRecordingsApi.class).listStored().collectList());
		assertThat(lists).allSatisfy((recordings) -> assertThat(recordings).extracting(StoredRecording::name)
			.containsExactly("extra-bridge-rec", "flow4-recording", "sample-recording"));
		ari.respond("recordings/getStored.json");
		List<StoredRecording> recordings = ari.call(post("/ari/recordings/stored/sample-recording/copy")
			.query("destinationRecordingName", "copies/sample recording"),
				() -> ari.client(RecordingsApi.class).copyStored("sample-recording", "copies/sample recording"),
				() -> ari.client(ReactiveRecordingsApi.class).copyStored("sample-recording", "copies/sample recording"));
		assertThat(recordings).extracting(StoredRecording::name, StoredRecording::format)
			.containsOnly(tuple("sample-recording", "wav"));
		ari.respondNoContent();
		ari.run(delete("/ari/recordings/stored/sample-recording"),
				() -> ari.client(RecordingsApi.class).deleteStored("sample-recording"),
				() -> ari.client(ReactiveRecordingsApi.class).deleteStored("sample-recording"));
	}

	@Test
	void recordingsLiveShouldUseEveryMethod() {
		ari.respond("recordings/getLive.json");
		List<LiveRecording> recordings = ari.call(get("/ari/recordings/live/sample-recording"),
				() -> ari.client(RecordingsApi.class).getLive("sample-recording"),
				() -> ari.client(ReactiveRecordingsApi.class).getLive("sample-recording"));
		assertThat(recordings).allSatisfy((recording) -> {
			assertThat(recording.state()).isEqualTo("recording");
			assertThat(recording.targetUri()).isEqualTo("channel:1795836659.49");
		});
		ari.respondNoContent();
		ari.run(post("/ari/recordings/live/sample-recording/stop"),
				() -> ari.client(RecordingsApi.class).stop("sample-recording"),
				() -> ari.client(ReactiveRecordingsApi.class).stop("sample-recording"));
		ari.run(post("/ari/recordings/live/sample-recording/pause"),
				() -> ari.client(RecordingsApi.class).pause("sample-recording"),
				() -> ari.client(ReactiveRecordingsApi.class).pause("sample-recording"));
		ari.run(delete("/ari/recordings/live/sample-recording/pause"),
				() -> ari.client(RecordingsApi.class).unpause("sample-recording"),
				() -> ari.client(ReactiveRecordingsApi.class).unpause("sample-recording"));
		ari.run(delete("/ari/recordings/live/sample-recording"),
				() -> ari.client(RecordingsApi.class).cancel("sample-recording"),
				() -> ari.client(ReactiveRecordingsApi.class).cancel("sample-recording"));
	}

}
