package io.github.arispring.autoconfigure;

import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClientFactory;

/**
 * What the REST clients of every server take from the application context: the observation
 * registry and convention their calls are observed with as {@code http.client.requests} (the
 * ones Spring Boot gives {@code WebClient}, {@value #OBSERVATION_NAME_PROPERTY} included), and the {@link WebClient.Builder} that
 * {@link AriClientFactory#webClient()} is built from.
 *
 * @param webClientBuilder a fresh builder for each server
 * @param observationRegistry the registry, {@link ObservationRegistry#NOOP} without one
 * @param observationConvention the convention, or {@code null} for the default one
 */
record AriHttpObservations(Supplier<WebClient.Builder> webClientBuilder, ObservationRegistry observationRegistry,
		@Nullable ClientRequestObservationConvention observationConvention) {

	/** Spring Boot's property for the name of the HTTP client observations. */
	static final String OBSERVATION_NAME_PROPERTY = "management.observations.http.client.requests.name";

	/**
	 * Takes the registry, and the {@link #convention convention} as Spring Boot gives it to
	 * {@code WebClient}.
	 */
	static AriHttpObservations of(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ClientRequestObservationConvention> observationConvention, Environment environment) {
		return new AriHttpObservations(() -> webClientBuilder.getIfAvailable(WebClient::builder),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				convention(observationConvention, environment));
	}

	/**
	 * The convention Spring Boot gives {@code WebClient}: the application's bean, else the
	 * default one under the name {@value #OBSERVATION_NAME_PROPERTY} sets, else {@code null}
	 * for the default one.
	 */
	static @Nullable ClientRequestObservationConvention convention(
			ObjectProvider<ClientRequestObservationConvention> observationConvention, Environment environment) {
		ClientRequestObservationConvention convention = observationConvention.getIfUnique();
		String name = environment.getProperty(OBSERVATION_NAME_PROPERTY);
		if (convention == null && name != null && !name.isBlank()) {
			convention = new DefaultClientRequestObservationConvention(name);
		}
		return convention;
	}

	AriClientFactory.Builder apply(AriClientFactory.Builder builder) {
		return builder.observations(this.observationRegistry, this.observationConvention)
			.webClientBuilder(this.webClientBuilder);
	}

}
