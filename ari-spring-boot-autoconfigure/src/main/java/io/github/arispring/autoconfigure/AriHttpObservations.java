package io.github.arispring.autoconfigure;

import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClientFactory;

/**
 * What the REST clients of every server take from the application context: the observation
 * registry and convention their calls are observed with as {@code http.client.requests} (the
 * ones Spring Boot gives {@code WebClient}), and the {@link WebClient.Builder} that
 * {@link AriClientFactory#webClient()} is built from.
 *
 * @param webClientBuilder a fresh builder for each server
 * @param observationRegistry the registry, {@link ObservationRegistry#NOOP} without one
 * @param observationConvention the convention, or {@code null} for the default one
 */
record AriHttpObservations(Supplier<WebClient.Builder> webClientBuilder, ObservationRegistry observationRegistry,
		@Nullable ClientRequestObservationConvention observationConvention) {

	static AriHttpObservations of(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ClientRequestObservationConvention> observationConvention) {
		return new AriHttpObservations(() -> webClientBuilder.getIfAvailable(WebClient::builder),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique());
	}

	AriClientFactory.Builder apply(AriClientFactory.Builder builder) {
		return builder.observations(this.observationRegistry, this.observationConvention)
			.webClientBuilder(this.webClientBuilder);
	}

}
