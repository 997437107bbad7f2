package io.github.arispring.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.server.AriServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With Spring Boot's metrics and observations, the clients' calls are timed as
 * {@code http.client.requests} with their URI templates, as {@code WebClient}'s calls are,
 * though they do not go through a {@code WebClient}.
 */
class HttpClientRequestsMetricsTests {

	@RegisterExtension
	static final AriWireMock asterisk = new AriWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				MetricsAutoConfiguration.class, WebClientAutoConfiguration.class,
				WebClientObservationAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.url=" + asterisk.url(), "ari.username=" + AriWireMock.USERNAME,
				"ari.password=" + AriWireMock.PASSWORD, "ari.listener.auto-startup=false");

	@Test
	void callsShouldBeTimedWithTheirUriTemplates() {
		this.contextRunner.run((context) -> {
			AriClient client = context.getBean(AriClient.class);
			asterisk.respond("channels/get.json");
			client.channels().get("1795836659.49");
			client.channels().get("1795836659.50");
			context.getBean(ReactiveAriClient.class).channels().get("1795836659.51").block();
			asterisk.respond("errors/404-channel-not-found.json");
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> client.channels().get("gone"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer ok = registry.get("http.client.requests")
				.tags("method", "GET", "uri", "/ari/channels/{channelId}", "status", "200", "outcome", "SUCCESS")
				.timer();
			assertThat(ok.count()).isEqualTo(3);
			Timer notFound = registry.get("http.client.requests")
				.tags("uri", "/ari/channels/{channelId}", "status", "404", "outcome", "CLIENT_ERROR")
				.timer();
			assertThat(notFound.count()).isEqualTo(1);
			assertThat(registry.find("http.client.requests").timers())
				.allSatisfy((timer) -> assertThat(timer.getId().getTag("uri")).doesNotContain("1795836659"));
		});
	}

	@Test
	void callsShouldBeTimedUnderTheNameSpringBootIsGivenForHttpClientRequests() {
		this.contextRunner.withPropertyValues("management.observations.http.client.requests.name=asterisk.calls")
			.withPropertyValues("ari.servers.east.url=" + asterisk.url(), "ari.servers.east.username=" + AriWireMock.USERNAME,
					"ari.servers.east.password=" + AriWireMock.PASSWORD, "ari.servers.east.listener.auto-startup=false")
			.run((context) -> {
				asterisk.respond("channels/get.json");
				context.getBean(AriClient.class).channels().get("1795836659.49");
				context.getBean(AriServers.class).client("east").channels().get("1795836659.49");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("asterisk.calls").tags("uri", "/ari/channels/{channelId}", "status", "200")
					.timer()
					.count()).isEqualTo(2);
				assertThat(registry.find("http.client.requests").timers()).isEmpty();
			});
	}

}
