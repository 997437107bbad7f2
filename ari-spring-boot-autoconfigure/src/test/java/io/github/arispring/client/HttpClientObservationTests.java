package io.github.arispring.client;

import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.model.Playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * REST calls appear in {@code http.client.requests} with URI templates, never ids.
 */
class HttpClientObservationTests {

	@RegisterExtension
	static final AriWireMock asterisk = new AriWireMock();

	@Test
	void restCallShouldBeObservedWithItsUriTemplate() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		assertObserved(asterisk.builder().observations(registry, null).build().create(ChannelsApi.class), registry);
	}

	@Test
	void restCallThroughWebClientShouldBeObservedWithItsUriTemplate() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		assertObserved(asterisk.factory(WebClient.builder().observationRegistry(registry)).create(ChannelsApi.class),
				registry);
	}

	@Test
	void failedRestCallShouldBeObservedWithItsStatusAndError() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		ChannelsApi channels = asterisk.builder().observations(registry, null).build().create(ChannelsApi.class);
		asterisk.respond("errors/404-channel-not-found.json");
		assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> channels.get("1795836578.1"));
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasLowCardinalityKeyValue("method", "GET")
			.hasLowCardinalityKeyValue("status", "404")
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("uri", "/ari/channels/{channelId}")
			.hasBeenStopped();
	}

	private static void assertObserved(ChannelsApi channels, TestObservationRegistry registry) {
		asterisk.respond("channels/play.json");
		Playback playback = channels.play("1795836578.1", List.of("sound:hello-world"),
				ChannelPlayParams.builder().playbackId("p-1").build());
		assertThat(playback).isNotNull();
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasLowCardinalityKeyValue("method", "POST")
			.hasLowCardinalityKeyValue("status", "201")
			.hasLowCardinalityKeyValue("uri", "/ari/channels/{channelId}/play")
			.hasBeenStopped();
	}

}
