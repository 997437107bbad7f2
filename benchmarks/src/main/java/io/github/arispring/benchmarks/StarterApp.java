package io.github.arispring.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot application as a user of the starter writes it: auto-configuration from the
 * starter's classpath, default listener settings, and the given handler beans.
 */
final class StarterApp {

	private StarterApp() {
	}

	static ConfigurableApplicationContext run(String url, Collection<String> applications, List<Class<?>> handlers,
			String... properties) {
		List<Class<?>> sources = new ArrayList<>();
		sources.add(Config.class);
		sources.addAll(handlers);
		List<String> all = new ArrayList<>(List.of("ari.url=" + url, "ari.username=" + Samples.USER,
				"ari.password=" + Samples.PASSWORD, "ari.applications=" + String.join(",", applications)));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

	}

}
