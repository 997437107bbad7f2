package io.github.arispring.env;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriInstanceIdEnvironmentPostProcessor}.
 */
class AriInstanceIdEnvironmentPostProcessorTests {

	@Test
	void instanceIdShouldBeHostNameAndRandomSuffixComputedOnce() {
		ConfigurableEnvironment environment = new StandardEnvironment();
		AriInstanceIdEnvironmentPostProcessor processor = new AriInstanceIdEnvironmentPostProcessor(() -> "IVR_Host.7.example.com");
		processor.postProcessEnvironment(environment, new SpringApplication());
		String id = environment.getProperty("ari.instance-id");
		assertThat(id).matches("ivr-host-[0-9a-f]{6}");
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("ari.instance-id")).isEqualTo(id);
		assertThat(environment.resolvePlaceholders("ivr-${ari.instance-id}")).isEqualTo("ivr-" + id)
			.isEqualTo(environment.resolvePlaceholders("ivr-${ari.instance-id}"));
	}

	@Test
	void instanceIdWithoutHostNameShouldBeRandom() {
		assertThat(AriInstanceIdEnvironmentPostProcessor.generate(null)).matches("[0-9a-f]{6}");
		assertThat(AriInstanceIdEnvironmentPostProcessor.generate(" ... ")).matches("[0-9a-f]{6}");
	}

	@Test
	void applicationsShouldGetTheirOwnNamesFromTheInstanceId() {
		try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
			String firstName = first.getEnvironment().getProperty("ari.applications");
			String secondName = second.getEnvironment().getProperty("ari.applications");
			assertThat(firstName).startsWith("ivr-").isNotEqualTo(secondName);
			assertThat(firstName).isEqualTo("ivr-" + first.getEnvironment().getProperty("ari.instance-id"))
				.isEqualTo(first.getEnvironment().getProperty("ari.applications"));
		}
	}

	@Test
	void instanceIdSetByTheUserShouldWin() {
		try (ConfigurableApplicationContext context = start("ari.instance-id=blue")) {
			assertThat(context.getEnvironment().getProperty("ari.applications")).isEqualTo("ivr-blue");
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> all = new java.util.ArrayList<>(List.of("ari.applications=ivr-${ari.instance-id}"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
