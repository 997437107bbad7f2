package io.github.arispring.client;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AriUrls}.
 */
class AriUrlsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			http://pbx:8088                  | http://pbx:8088/ari                 | ws://pbx:8088/ari/events
			http://pbx:8088/                 | http://pbx:8088/ari                 | ws://pbx:8088/ari/events
			http://pbx:8088/ari              | http://pbx:8088/ari                 | ws://pbx:8088/ari/events
			http://pbx:8088/ari/             | http://pbx:8088/ari                 | ws://pbx:8088/ari/events
			' http://127.0.0.1:8088 '        | http://127.0.0.1:8088/ari           | ws://127.0.0.1:8088/ari/events
			HTTP://pbx:8088                  | http://pbx:8088/ari                 | ws://pbx:8088/ari/events
			https://pbx.example.com:8089     | https://pbx.example.com:8089/ari    | wss://pbx.example.com:8089/ari/events
			https://pbx.example.com/ari      | https://pbx.example.com/ari         | wss://pbx.example.com/ari/events
			http://proxy:80/asterisk         | http://proxy:80/asterisk/ari        | ws://proxy:80/asterisk/ari/events
			http://[::1]:8088                | http://[::1]:8088/ari               | ws://[::1]:8088/ari/events
			""")
	void urlShouldGiveRestBaseAndEventsUrls(String url, String baseUri, String eventsUri) {
		URI base = AriUrls.baseUri(url);
		assertThat(base).hasToString(baseUri);
		assertThat(AriUrls.eventsUri(base)).hasToString(eventsUri);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = "  ")
	void urlWhenMissingShouldFailWithHint(String url) {
		assertThatExceptionOfType(InvalidAriUrlException.class).isThrownBy(() -> AriUrls.baseUri(url))
			.withMessageStartingWith("ari.url is not set.")
			.withMessageContaining("Set ari.url to Asterisk's HTTP server, for example ari.url=http://localhost:8088");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			localhost:8088            | the scheme must be http or https, not localhost
			pbx                       | the scheme must be http or https
			ws://pbx:8088/ari         | the scheme must be http or https, not ws
			http://pbx 1:8088         | Illegal character in authority
			http:///ari               | it has no host
			""")
	void urlWhenMalformedShouldFailWithHint(String url, String problem) {
		assertThatExceptionOfType(InvalidAriUrlException.class).isThrownBy(() -> AriUrls.baseUri(url))
			.withMessageStartingWith("ari.url '" + url + "' is not usable: " + problem)
			.withMessageContaining("Set ari.url to")
			.satisfies((ex) -> assertThat(ex.url()).isEqualTo(url));
	}

	@Test
	void urlWhenQueryOrFragmentShouldFailWithHint() {
		assertThatExceptionOfType(InvalidAriUrlException.class)
			.isThrownBy(() -> AriUrls.baseUri("http://pbx:8088/ari?pretty=yes#top"))
			.withMessageStartingWith("ari.url 'http://pbx:8088/ari' is not usable: it must not have a query or fragment")
			.withMessageContaining("Set ari.url to");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			http://asterisk:s3cret@pbx:8088/ari         | http://***@pbx:8088/ari | it contains credentials; set ari.username and ari.password instead
			http://pbx:8088/ari?api_key=asterisk:s3cret | http://pbx:8088/ari     | it contains credentials (api_key); set ari.username and ari.password instead
			http://asterisk:s3/cr#et@pbx:8088           | http://***@pbx:8088     | it has no host
			http://asterisk:s3 cret@pbx:8088            | http://***@pbx:8088     | Illegal character in authority
			asterisk:s3cret@pbx:8088                    | ***@pbx:8088            | the scheme must be http or https, not asterisk
			""")
	void urlWhenCredentialsShouldFailWithoutPassword(String url, String redacted, String problem) {
		assertThatExceptionOfType(InvalidAriUrlException.class).isThrownBy(() -> AriUrls.baseUri(url))
			.withMessageStartingWith("ari.url '" + redacted + "' is not usable: " + problem)
			.withMessageContaining("Set ari.url to")
			.withMessageNotContaining("s3")
			.satisfies((ex) -> assertThat(ex.url()).isEqualTo(redacted));
	}

}
