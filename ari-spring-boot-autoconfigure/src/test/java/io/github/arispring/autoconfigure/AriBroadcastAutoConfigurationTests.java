package io.github.arispring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.AriSamples;
import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.annotation.StasisEventHandlerMethodAdapter;
import io.github.arispring.broadcast.AriBroadcastClaimer;
import io.github.arispring.broadcast.AriClaimPolicy;
import io.github.arispring.event.CallBroadcast;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the broadcast claims part of {@link AriAutoConfiguration}.
 */
class AriBroadcastAutoConfigurationTests {

	private static final CallBroadcast OFFER = AriSamples.MAPPER.readValue(AriSamples.read("events/CallBroadcast.json"),
			CallBroadcast.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.url=http://pbx:8088", "ari.username=asterisk", "ari.password=asterisk",
				"ari.applications=ivr-1", "ari.listener.auto-startup=false");

	@Test
	void claimerShouldBeRegisteredWithTheDispatcherAndClaimWithinDefaultCapacity() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AriBroadcastClaimer.class).hasSingleBean(AriClaimPolicy.class);
			AriBroadcastClaimer claimer = context.getBean(AriBroadcastClaimer.class);
			assertThat(context.getBean(AriEventDispatcher.class).getHandlers()).first().isSameAs(claimer);
			AriClaimPolicy policy = context.getBean(AriClaimPolicy.class);
			assertThat(claimer.getPolicy()).isSameAs(policy);
			assertThat(policy.shouldClaim(OFFER, 99)).isTrue();
			assertThat(policy.shouldClaim(OFFER, 100)).isFalse();
		});
	}

	@Test
	void policyShouldFollowMaxCalls() {
		this.contextRunner.withPropertyValues("ari.broadcast.max-calls=2").run((context) -> {
			AriClaimPolicy policy = context.getBean(AriClaimPolicy.class);
			assertThat(policy.shouldClaim(OFFER, 1)).isTrue();
			assertThat(policy.shouldClaim(OFFER, 2)).isFalse();
		});
	}

	@Test
	void policyWhenMaxCallsNegativeShouldFailWithTheProperty() {
		this.contextRunner.withPropertyValues("ari.broadcast.max-calls=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ari.broadcast.max-calls must not be negative"));
	}

	@Test
	void policyWhenUserDefinesOneShouldUseIt() {
		this.contextRunner.withUserConfiguration(SalesOnlyConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AriClaimPolicy.class);
			assertThat(context.getBean(AriBroadcastClaimer.class).getPolicy())
				.isSameAs(context.getBean("salesOnly"));
		});
	}

	@Test
	void claimsWhenDisabledShouldBackOff() {
		this.contextRunner.withPropertyValues("ari.broadcast.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AriBroadcastClaimer.class)
				.doesNotHaveBean(AriClaimPolicy.class));
	}

	@Test
	void handlerShouldResolvePerInstanceApplicationName() {
		this.contextRunner.withPropertyValues("ari.instance-id=blue", "ari.applications=ivr-${ari.instance-id}")
			.withUserConfiguration(PerInstanceHandler.class)
			.run((context) -> {
				AriEventHandler handler = context.getBean(AriEventDispatcher.class)
					.getHandlers()
					.stream()
					.filter(StasisEventHandlerMethodAdapter.class::isInstance)
					.findFirst()
					.orElseThrow();
				CallBroadcast own = withApplication("ivr-blue");
				assertThat(handler.supports(own)).isTrue();
				assertThat(handler.supports(withApplication("ivr-green"))).isFalse();
				assertThat(context.getBean(AriProperties.class).getApplications()).containsExactly("ivr-blue");
			});
	}

	private static CallBroadcast withApplication(String application) {
		return new CallBroadcast(OFFER.type(), OFFER.timestamp(), OFFER.channel(), OFFER.caller(), OFFER.called(),
				OFFER.asteriskId(), application, null);
	}

	@Configuration(proxyBeanMethods = false)
	static class PerInstanceHandler {

		@StasisEventHandler("ivr-${ari.instance-id}")
		void onOffer(CallBroadcast offer) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SalesOnlyConfiguration {

		@Bean
		AriClaimPolicy salesOnly() {
			return (broadcast, callsInProgress) -> broadcast.called().startsWith("5");
		}

	}

}
