package io.github.arispring.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Awkward ids and values through every kind of parameter (path, query, comma-separated list
 * query, JSON body), blocking and reactive, checked as the exact bytes that reach the server.
 * Asterisk decodes each path segment and each query value once ({@code +} as a space), so
 * everything but the unreserved characters of RFC 3986 must arrive percent-encoded as UTF-8.
 */
class AriClientEncodingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** Reserved and special characters, a space and non-ASCII. */
	private static final String CHANNEL_ID = "PJSIP/alice@pbx.example;1 Zoë~_.-";

	private static final String PLAYBACK_ID = "pb 1+2=3&4?#%";

	private static final String CHANNEL_ID_ENCODED = "PJSIP%2Falice%40pbx.example%3B1%20Zo%C3%AB~_.-";

	private static final String PLAYBACK_ID_ENCODED = "pb%201%2B2%3D3%264%3F%23%25";

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void pathVariablesAndListQueryShouldBeEncodedStrictly() {
		ari.respond("channels/play.json");
		ChannelPlayWithIdParams params = ChannelPlayWithIdParams.builder().lang("pt_BR&x=y").offsetms(0).build();
		String expected = "/ari/channels/" + CHANNEL_ID_ENCODED + "/play/" + PLAYBACK_ID_ENCODED
				+ "?media=sound%3Ahello-world%2Crecording%3Amy%20r%C3%A9c%2Fa%3Bb&lang=pt_BR%26x%3Dy&offsetms=0";
		List<String> media = List.of("sound:hello-world", "recording:my réc/a;b");
		assertSent("POST", expected, null, (factory) -> factory.create(ChannelsApi.class).playWithId(CHANNEL_ID, PLAYBACK_ID, media, params),
				(factory) -> factory.create(ReactiveChannelsApi.class).playWithId(CHANNEL_ID, PLAYBACK_ID, media, params).block(TIMEOUT));
	}

	@Test
	void queryValuesAndBodyShouldKeepEveryCharacter() {
		ari.respond("channels/originate.json");
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("CALLERID(name)", "Zoë \"☎\" /;@+&=");
		variables.put("PATH", "a\\b\u0001");
		ChannelOriginateParams params = ChannelOriginateParams.builder()
			.app("ivr")
			.appArgs("a,b=c&d e")
			.callerId("\"Zoë Ärger\" <+15550005>")
			.channelId(CHANNEL_ID)
			.variables(variables)
			.build();
		String expected = "/ari/channels?endpoint=PJSIP%2Fbob%40host%3Btransport%3Dtcp&app=ivr&appArgs=a%2Cb%3Dc%26d%20e"
				+ "&callerId=%22Zo%C3%AB%20%C3%84rger%22%20%3C%2B15550005%3E&channelId=" + CHANNEL_ID_ENCODED;
		String body = "{\"variables\":{\"CALLERID(name)\":\"Zoë \\\"☎\\\" /;@+&=\",\"PATH\":\"a\\\\b\\u0001\"}}";
		assertSent("POST", expected, body,
				(factory) -> factory.create(ChannelsApi.class).originate("PJSIP/bob@host;transport=tcp", params),
				(factory) -> factory.create(ReactiveChannelsApi.class).originate("PJSIP/bob@host;transport=tcp", params).block(TIMEOUT));
	}

	@Test
	void singleQueryValuesShouldBeEncodedAlongsidePathVariables() {
		ari.respondNoContent();
		String expected = "/ari/channels/" + CHANNEL_ID_ENCODED
				+ "/variable?variable=CALLERID%28name%29&value=Jos%C3%A9%20%2B%201%3B%20%2F%20%40%20%E2%98%8E&report_events=true";
		assertSent("POST", expected, null,
				(factory) -> {
					factory.create(ChannelsApi.class).setChannelVar(CHANNEL_ID, "CALLERID(name)", "José + 1; / @ ☎", true);
					return "done";
				},
				(factory) -> factory.create(ReactiveChannelsApi.class)
					.setChannelVar(CHANNEL_ID, "CALLERID(name)", "José + 1; / @ ☎", true)
					.thenReturn("done")
					.block(TIMEOUT));
	}

	@Test
	void emptyListAndAbsentValuesShouldSendNothingExtra() {
		ari.respond("channels/get.json");
		String expected = "/ari/channels/" + CHANNEL_ID_ENCODED;
		assertSent("GET", expected, null, (factory) -> factory.create(ChannelsApi.class).get(CHANNEL_ID),
				(factory) -> factory.create(ReactiveChannelsApi.class).get(CHANNEL_ID).block(TIMEOUT));
	}

	private static void assertSent(String method, String url, String body, Function<AriClientFactory, Object> blocking,
			Function<AriClientFactory, Object> reactive) {
		// the starter's clients, straight to the connector, and clients through a WebClient
		List<AriClientFactory> factories = List.of(ari.builder().build(), ari.factory(WebClient.builder()));
		for (Supplier<Object> call : factories.stream()
			.<Supplier<Object>>flatMap((factory) -> Stream.of(() -> blocking.apply(factory), () -> reactive.apply(factory)))
			.toList()) {
			assertThat(call.get()).isNotNull();
			List<LoggedRequest> requests = ari.server().findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
			ari.server().resetRequests();
			assertThat(requests).hasSize(1);
			LoggedRequest request = requests.get(0);
			assertThat(request.getMethod().getName()).isEqualTo(method);
			assertThat(request.getUrl()).isEqualTo(url);
			if (body != null) {
				assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
				assertThat(new String(request.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
			}
			else {
				assertThat(request.getBody()).isEmpty();
			}
		}
	}

}
