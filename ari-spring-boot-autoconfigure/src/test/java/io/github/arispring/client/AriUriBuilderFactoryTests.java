package io.github.arispring.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.util.DefaultUriBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link AriUriBuilderFactory} expands exactly as Spring's {@link DefaultUriBuilderFactory}
 * (the WebClient's default), for ARI templates and for those it leaves to Spring.
 */
class AriUriBuilderFactoryTests {

	private static final URI BASE = URI.create("http://127.0.0.1:8088/ari");

	private static final List<String> VALUES = List.of("1795836659.49", "", "PJSIP/alice@pbx;1", "a b+c=d&e?f#g%h",
			"Zoë ☎ 😀", "~_.-", "{notAVariable}", "%2F", "a,b,c", "\"quoted\" <+1555>", "tab\tnew\nline", "\u0001");

	private static final List<String> TEMPLATES = List.of("/channels", "/channels/{channelId}",
			"/channels/{channelId}/play/{playbackId}?{queryParam0}={queryParam0[0]}&{queryParam1}={queryParam1[0]}",
			"/channels?{queryParam0}={queryParam0[0]}",
			// left to Spring: literal text that needs encoding, a regex variable, an absolute URL
			"/sounds/a b/{channelId}", "/channels/{channelId:.*}", "http://other:8088/ari/channels/{channelId}");

	private final AriUriBuilderFactory factory = new AriUriBuilderFactory(BASE);

	private final DefaultUriBuilderFactory spring = new DefaultUriBuilderFactory(BASE.toString());

	@Test
	void expandShouldEncodeExactlyAsSpringDoes() {
		for (String template : TEMPLATES) {
			for (String value : VALUES) {
				Map<String, Object> variables = new LinkedHashMap<>();
				variables.put("channelId", value);
				variables.put("playbackId", value + "/x");
				variables.put("queryParam0", "media");
				variables.put("queryParam0[0]", value);
				variables.put("queryParam1", "lang");
				variables.put("queryParam1[0]", "en " + value);
				URI expected = this.spring.expand(template, variables);
				assertThat(this.factory.expand(template, variables)).as("%s with %s", template, value)
					.isEqualTo(expected)
					.hasToString(expected.toString());
			}
		}
	}

	@Test
	void expandShouldCacheParsedTemplates() {
		assertThat(AriUriBuilderFactory.parse("/channels/{channelId}").variables()).containsExactly("channelId");
		assertThat(AriUriBuilderFactory.parse("/channels/{channelId}").literals()).containsExactly("/channels/", "");
		Map<String, Object> variables = Map.of("channelId", "x y");
		assertThat(this.factory.expand("/channels/{channelId}", variables))
			.hasToString("http://127.0.0.1:8088/ari/channels/x%20y");
		assertThat(this.factory.expand("/channels/{channelId}", Map.of("channelId", "z")))
			.hasToString("http://127.0.0.1:8088/ari/channels/z");
	}

	@Test
	void nullValueShouldExpandToNothingAsSpringDoes() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("channelId", null);
		assertThat(this.factory.expand("/channels/{channelId}", variables))
			.isEqualTo(this.spring.expand("/channels/{channelId}", variables));
	}

	@Test
	void missingVariableShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.expand("/channels/{channelId}", Map.of()))
			.withMessageContaining("channelId");
	}

	@Test
	void positionalVariablesShouldExpandAsSpringDoes() {
		assertThat(this.factory.expand("/channels/{channelId}", "a/b c"))
			.isEqualTo(this.spring.expand("/channels/{channelId}", "a/b c"));
	}

}
