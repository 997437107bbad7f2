package io.github.arispring.autoconfigure;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.InvalidAriUrlException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the start-up checks of {@link AriAutoConfiguration} and the failure analysis
 * that a real {@link SpringApplication} prints for them.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriAutoConfigurationValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriAutoConfiguration.class));

	@Test
	void clientFactoryWhenUrlAndCredentialsSetShouldStart() {
		this.contextRunner
			.withPropertyValues("ari.url=http://localhost:8088", "ari.username=asterisk", "ari.password=secret",
					"ari.listener.auto-startup=false")
			.run((context) -> assertThat(context).hasSingleBean(AriClientFactory.class));
	}

	@Test
	void clientFactoryWhenUrlMissingShouldFailWithInvalidUrl() {
		this.contextRunner.withPropertyValues("ari.username=asterisk", "ari.password=secret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidAriUrlException.class));
	}

	@Test
	void clientFactoryWhenUrlAndCredentialsMissingShouldReportUrlFirst() {
		this.contextRunner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(InvalidAriUrlException.class));
	}

	@Test
	void clientFactoryWhenPasswordMissingShouldFailWithMissingCredentials() {
		this.contextRunner.withPropertyValues("ari.url=http://localhost:8088", "ari.username=asterisk")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(MissingAriCredentialsException.class)
				.hasMessage("ari.username is set but ari.password is not"));
	}

	@Test
	void clientFactoryWhenCredentialsMissingShouldFailWithMissingCredentials() {
		this.contextRunner.withPropertyValues("ari.url=http://localhost:8088")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(MissingAriCredentialsException.class));
	}

	@Test
	void clientFactoryWhenConnectionDetailsLackCredentialsShouldFail() {
		this.contextRunner.withUserConfiguration(AnonymousConnectionDetailsConfiguration.class)
			.withPropertyValues("ari.username=ignored", "ari.password=ignored")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(MissingAriCredentialsException.class));
	}

	@Test
	void startWhenUrlMissingShouldPrintFailureAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--ari.username=asterisk", "--ari.password=secret"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("ari.url is not set, so the ARI clients do not know where Asterisk is.")
			.contains("    ari.url=http://localhost:8088")
			.contains("    spring.config.import=optional:file:phpari.ini");
	}

	@Test
	void startWhenUrlMalformedShouldPrintWhatIsWrong(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run("--ari.url=pbx:8088", "--ari.username=asterisk", "--ari.password=secret"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("ari.url 'pbx:8088' is not usable: the scheme must be http or https, not pbx.")
			.contains("    ari.url=http://localhost:8088");
	}

	@Test
	void startWhenPasswordMissingShouldPrintFailureAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--ari.url=http://localhost:8088", "--ari.username=asterisk"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("ari.username is set but ari.password is not.")
			.contains("    ari.username=asterisk\n    ari.password=secret");
	}

	@Test
	void startWhenListenerWouldStartWithoutApplicationsShouldPrintFailureAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(ListenerStandInConfiguration.class,
				"--ari.url=http://localhost:8088", "--ari.username=asterisk", "--ari.password=secret"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No Stasis application is configured: ari.applications is empty")
			.contains("    ari.applications=hello-world");
	}

	@Test
	void startWhenListenerDoesNotAutoStartShouldNotRequireApplications() {
		assertThatNoException().isThrownBy(() -> run(ListenerStandInConfiguration.class,
				"--ari.url=http://localhost:8088", "--ari.username=asterisk", "--ari.password=secret",
				"--ari.listener.auto-startup=false"));
	}

	private static void run(String... args) {
		run(StartupConfiguration.class, args);
	}

	private static void run(Class<?> configuration, String... args) {
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AriAutoConfiguration.class)
	static class StartupConfiguration {

	}

	/**
	 * Validates as the events listener's auto-configuration does before it creates the
	 * listener.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AriAutoConfiguration.class)
	static class ListenerStandInConfiguration {

		@Bean
		List<String> listenerApplications(AriProperties properties, AriConnectionDetails connectionDetails) {
			return AriConfigurationValidator.validateListener(properties, connectionDetails);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnonymousConnectionDetailsConfiguration {

		@Bean
		AriConnectionDetails ariConnectionDetails() {
			return new AriConnectionDetails() {

				@Override
				public URI getBaseUri() {
					return URI.create("http://localhost:8088/ari");
				}

				@Override
				public @Nullable String getUsername() {
					return null;
				}

				@Override
				public @Nullable String getPassword() {
					return null;
				}

			};
		}

	}

}
