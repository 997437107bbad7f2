package io.github.arispring.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.autoconfigure.AriConnectionDetails;
import io.github.arispring.autoconfigure.AriProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for importing a phpari.ini with {@code spring.config.import} into a real
 * {@link SpringApplication}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PhpariIniImportTests {

	@TempDir
	Path directory;

	@Test
	void importWhenDocumentedPhpariIniShouldBindAriProperties() throws IOException {
		Path ini = write(IniPropertySourceLoaderTests.PHPARI_INI);
		try (ConfigurableApplicationContext context = run("--spring.config.import=optional:file:" + ini)) {
			AriProperties properties = context.getBean(AriProperties.class);
			assertThat(properties.getUrl()).isEqualTo("http://pbx.example.com:8088/ari");
			assertThat(properties.getUsername()).isEqualTo("asterisk");
			assertThat(properties.getPassword()).isEqualTo("asterisk");
			assertThat(properties.getApplications()).isEmpty();
			assertThat(context.getBean(AriConnectionDetails.class).getEventsUri())
				.hasToString("ws://pbx.example.com:8088/ari/events");
			assertThat(context.getEnvironment().getProperty("asterisk_manager.port", Integer.class)).isEqualTo(5038);
			assertThat(context.getEnvironment().getProperty("general.debug", Boolean.class)).isFalse();
		}
	}

	@Test
	void importWhenTransportIsWssShouldConnectOverTls() throws IOException {
		Path ini = write(IniPropertySourceLoaderTests.PHPARI_INI.replace("transport=ws ", "transport=wss ")
			.replace("port=8088", "port=8089"));
		try (ConfigurableApplicationContext context = run("--spring.config.import=optional:file:" + ini)) {
			assertThat(context.getBean(AriProperties.class).getUrl()).isEqualTo("https://pbx.example.com:8089/ari");
			assertThat(context.getBean(AriConnectionDetails.class).getEventsUri())
				.hasToString("wss://pbx.example.com:8089/ari/events");
		}
	}

	@Test
	void importWhenApplicationsAreListedShouldBindThem() throws IOException {
		Path ini = write(IniPropertySourceLoaderTests.PHPARI_INI.replace("endpoint=/ari",
				"endpoint=/ari\napplication=hello-world\napplications=ivr,queue"));
		try (ConfigurableApplicationContext context = run("--spring.config.import=optional:file:" + ini)) {
			assertThat(context.getBean(AriProperties.class).getApplications()).containsExactly("hello-world", "ivr",
					"queue");
		}
	}

	@Test
	void importWhenFileIsMissingShouldBeIgnoredBecauseOptional() {
		try (ConfigurableApplicationContext context = run(
				"--spring.config.import=optional:file:" + this.directory.resolve("phpari.ini"),
				"--ari.url=http://localhost:8088", "--ari.username=u", "--ari.password=p")) {
			assertThat(context.getBean(AriProperties.class).getUrl()).isEqualTo("http://localhost:8088");
		}
	}

	@Test
	void importWhenFileIsMalformedShouldFailNamingTheLine(CapturedOutput output) throws IOException {
		Path ini = write(IniPropertySourceLoaderTests.PHPARI_INI.replace("password=asterisk\n",
				"password=asterisk\nthis line is broken\n"));
		assertThatExceptionOfType(InvalidIniFileException.class)
			.isThrownBy(() -> run("--spring.config.import=optional:file:" + ini))
			.satisfies((ex) -> assertThat(ex.lineNumber()).isEqualTo(8))
			.withMessage("Invalid INI file " + ini + ", line 8: "
					+ "expected a [section], a key=value pair, a comment (; or #) or a blank line");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Line 8 of " + ini + " cannot be read")
			.contains("Fix line 8 of " + ini + ".");
	}

	private ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(Config.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// binding is what is tested: the events listener is not started
		application.setDefaultProperties(java.util.Map.of("ari.listener.auto-startup", "false"));
		return application.run(args);
	}

	private Path write(String content) throws IOException {
		return Files.writeString(this.directory.resolve("phpari.ini"), content, StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AriAutoConfiguration.class)
	static class Config {

	}

}
