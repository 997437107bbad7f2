package io.github.arispring.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.Playback;

import static io.github.arispring.client.AriWireMock.delete;
import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlaybacksApi} and {@link ReactivePlaybacksApi} against recorded Asterisk answers.
 */
class PlaybacksApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void playbacksGetShouldReadPlayback() {
		ari.respond("playbacks/get.json");
		List<Playback> playbacks = ari.call(get("/ari/playbacks/sample-playback-1"),
				() -> ari.client(PlaybacksApi.class).get("sample-playback-1"),
				() -> ari.client(ReactivePlaybacksApi.class).get("sample-playback-1"));
		assertThat(playbacks).allSatisfy((playback) -> {
			assertThat(playback.id()).isEqualTo("sample-playback-1");
			assertThat(playback.mediaUri()).isEqualTo("sound:demo-congrats");
			assertThat(playback.targetUri()).isEqualTo("channel:1795836659.49");
			assertThat(playback.language()).isEqualTo("en");
			assertThat(playback.state()).isEqualTo("playing");
		});
	}

	@Test
	void playbacksControlAndStopShouldSendOperation() {
		ari.respondNoContent();
		ari.run(post("/ari/playbacks/sample-playback-1/control").query("operation", "pause"),
				() -> ari.client(PlaybacksApi.class).control("sample-playback-1", "pause"),
				() -> ari.client(ReactivePlaybacksApi.class).control("sample-playback-1", "pause"));
		ari.run(delete("/ari/playbacks/sample-playback-1"), () -> ari.client(PlaybacksApi.class).stop("sample-playback-1"),
				() -> ari.client(ReactivePlaybacksApi.class).stop("sample-playback-1"));
	}

}
