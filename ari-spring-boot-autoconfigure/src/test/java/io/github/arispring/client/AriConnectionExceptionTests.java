package io.github.arispring.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Asterisk gives no answer: the clients report {@link AriConnectionException}s naming the URL
 * that was called, without its query or the password.
 */
class AriConnectionExceptionTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	private static final ChannelOriginateParams PARAMS = ChannelOriginateParams.builder().app("flow5").build();

	@Test
	void connectionRefusedShouldNameUrlWithoutQuery() throws IOException {
		String url = "http://127.0.0.1:" + closedPort();
		Consumer<Throwable> refused = (thrown) -> assertConnectionException(thrown, url + "/ari/channels",
				"connection refused");
		for (AriClientFactory factory : List.of(
				AriClientFactory.builder(url).credentials(AriWireMock.USERNAME, AriWireMock.PASSWORD).build(),
				AriClientFactory.create(WebClient.builder(), url, AriWireMock.USERNAME, AriWireMock.PASSWORD))) {
			assertFails(factory, refused);
		}
	}

	@Test
	void responseTimeoutShouldSayItTimedOut() {
		ari.respond(WireMock.okJson("{}").withFixedDelay(2000));
		ReactorClientHttpConnector connector = new ReactorClientHttpConnector(
				HttpClient.create().responseTimeout(Duration.ofMillis(300)));
		Consumer<Throwable> timedOut = (thrown) -> assertConnectionException(thrown, ari.url() + "/ari/channels",
				"timed out");
		assertFails(ari.builder().connector(connector).build(), timedOut);
		assertFails(ari.factory(WebClient.builder().clientConnector(connector)), timedOut);
	}

	private static void assertFails(AriClientFactory factory, Consumer<Throwable> assertion) {
		assertion.accept(catchThrowable(() -> factory.create(ChannelsApi.class).originate("Local/2@far-end-hangup", PARAMS)));
		StepVerifier.create(factory.create(ReactiveChannelsApi.class).originate("Local/2@far-end-hangup", PARAMS))
			.expectErrorSatisfies(assertion)
			.verify(Duration.ofSeconds(5));
	}

	private static void assertConnectionException(Throwable thrown, String url, String problem) {
		assertThat(thrown).isInstanceOfSatisfying(AriConnectionException.class, (ex) -> {
			assertThat(ex.url()).isEqualTo(url);
			assertThat(ex.statusCode()).isZero();
			assertThat(ex.operation()).isEqualTo("channels.originate");
			assertThat(ex.request()).isEqualTo("POST /channels");
			assertThat(ex.getMessage()).startsWith("ARI channels.originate could not reach Asterisk at " + url + ": ")
				.contains(problem, "ari.url")
				.doesNotContain("?", "endpoint=", "flow5", AriWireMock.PASSWORD);
		});
	}

	/** A loopback port nothing listens on. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
