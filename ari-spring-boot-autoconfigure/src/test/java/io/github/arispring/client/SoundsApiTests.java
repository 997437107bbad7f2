package io.github.arispring.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.FormatLangPair;
import io.github.arispring.model.Sound;

import static io.github.arispring.client.AriWireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link SoundsApi} and {@link ReactiveSoundsApi} against recorded Asterisk answers.
 */
class SoundsApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void soundsListShouldSendLanguageAndFormat() {
		ari.respond("sounds/list.lang-en-format-gsm.json");
		List<List<Sound>> lists = ari.call(get("/ari/sounds").query("lang", "en").query("format", "gsm"),
				() -> ari.client(SoundsApi.class).list("en", "gsm"),
				() -> ari.client(ReactiveSoundsApi.class).list("en", "gsm").collectList());
		assertThat(lists).allSatisfy((sounds) -> {
			assertThat(sounds).hasSize(20).extracting(Sound::id).contains("conf-now-unmuted", "phonetic/y_p");
			assertThat(sounds).flatExtracting(Sound::formats).extracting(FormatLangPair::format).containsOnly("gsm");
		});
	}

	@Test
	void soundsGetShouldReadFormats() {
		ari.respond("sounds/get.json");
		List<Sound> sounds = ari.call(get("/ari/sounds/hello-world"), () -> ari.client(SoundsApi.class).get("hello-world"),
				() -> ari.client(ReactiveSoundsApi.class).get("hello-world"));
		assertThat(sounds).allSatisfy((sound) -> {
			assertThat(sound.id()).isEqualTo("hello-world");
			assertThat(sound.text()).isNull();
			assertThat(sound.formats()).extracting(FormatLangPair::language, FormatLangPair::format)
				.containsExactly(tuple("en", "gsm"), tuple("en", "slin"));
		});
	}

	// Asterisk splits the path before decoding each segment, so an id holding '/' must be sent as %2F.
	@Test
	void soundsGetShouldEncodeSlashInId() {
		ari.respond("sounds/get.json");
		List<Sound> sounds = ari.call(get("/ari/sounds/phonetic%2Fy_p"),
				() -> ari.client(SoundsApi.class).get("phonetic/y_p"),
				() -> ari.client(ReactiveSoundsApi.class).get("phonetic/y_p"));
		assertThat(sounds).extracting(Sound::id).containsOnly("hello-world");
	}

}
