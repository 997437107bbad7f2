package io.github.arispring.test.autoconfigure;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.autoconfigure.AriConnectionDetails;
import io.github.arispring.autoconfigure.PropertiesAriConnectionDetails;
import io.github.arispring.client.AriClient;
import io.github.arispring.test.simulator.AriSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AriSimulatorAutoConfiguration} with the application's own ARI auto-configuration.
 */
class AriSimulatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriSimulatorAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.applications=simulated");

	@Test
	void connectionDetailsPointTheClientsAtTheSimulator() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AriSimulator.class)
				.hasSingleBean(AriConnectionDetails.class)
				.doesNotHaveBean(PropertiesAriConnectionDetails.class);
			AriSimulator simulator = context.getBean(AriSimulator.class);
			assertThat(context.getBean(AriConnectionDetails.class).getBaseUri()).isEqualTo(simulator.baseUri());
			context.getBean(AriClient.class).asterisk().ping();
			assertThat(simulator.requests("asterisk.ping")).hasSize(1);
		});
	}

	@Test
	void propertiesConfigureTheSimulator() {
		this.contextRunner
			.withPropertyValues("ari.simulator.username=app", "ari.simulator.password=secret",
					"ari.simulator.session-limit=7")
			.run((context) -> {
				AriSimulator simulator = context.getBean(AriSimulator.class);
				assertThat(simulator.username()).isEqualTo("app");
				assertThat(simulator.sessionLimit()).isEqualTo(7);
				assertThat(context.getBean(AriConnectionDetails.class).getPassword()).isEqualTo("secret");
				context.getBean(AriClient.class).asterisk().ping();
			});
	}

	@Test
	void aSimulatorOfTheTestIsStartedAndUsed() {
		this.contextRunner
			.withBean(AriSimulator.class, () -> AriSimulator.builder().credentials("mine", "x").build())
			.run((context) -> {
				AriSimulator simulator = context.getBean(AriSimulator.class);
				assertThat(simulator.isRunning()).isTrue();
				assertThat(context.getBean(AriConnectionDetails.class).getUsername()).isEqualTo("mine");
			});
	}

	@Test
	void winsOverOtherConnectionDetails() {
		this.contextRunner.withUserConfiguration(OtherConnectionDetails.class).run((context) -> {
			assertThat(context.getBean(AriConnectionDetails.class)).isInstanceOf(AriSimulatorConnectionDetails.class);
			context.getBean(AriClient.class).asterisk().ping();
		});
	}

	@Test
	void theSimulatorStopsWithTheContext() {
		AriSimulator[] simulator = new AriSimulator[1];
		this.contextRunner.run((context) -> simulator[0] = context.getBean(AriSimulator.class));
		assertThat(simulator[0].isRunning()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class OtherConnectionDetails {

		@Bean
		AriConnectionDetails otherAriConnectionDetails() {
			return new AriConnectionDetails() {

				@Override
				public URI getBaseUri() {
					return URI.create("http://pbx.invalid:8088/ari");
				}

				@Override
				public String getUsername() {
					return "other";
				}

				@Override
				public String getPassword() {
					return "other";
				}

			};
		}

	}

}
