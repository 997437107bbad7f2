package io.github.arispring.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import io.github.arispring.autoconfigure.health.AriHealthContributorAutoConfiguration;
import io.github.arispring.autoconfigure.metrics.AriMetricsAutoConfiguration;
import io.github.arispring.env.IniPropertySourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the auto-configurations, the INI loader and the failure analyzers are
 * registered where Spring Boot looks for them.
 */
class AriRegistrationTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void autoConfigurationImportsShouldListEveryAutoConfiguration() {
		List<String> candidates = ImportCandidates.load(AutoConfiguration.class, this.classLoader).getCandidates();
		assertThat(candidates).contains(AriAutoConfiguration.class.getName(),
				AriHealthContributorAutoConfiguration.class.getName(), AriMetricsAutoConfiguration.class.getName());
	}

	@Test
	void springFactoriesShouldRegisterIniPropertySourceLoader() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(this.classLoader).load(PropertySourceLoader.class))
			.hasAtLeastOneElementOfType(IniPropertySourceLoader.class);
	}

	@Test
	void springFactoriesShouldRegisterEveryFailureAnalyzer() {
		// Some of Spring Boot's own analyzers need a bean factory to be created: skip them.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(this.classLoader)
			.load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> {
			}));
		assertThat(analyzers)
			.hasAtLeastOneElementOfType(InvalidAriUrlFailureAnalyzer.class)
			.hasAtLeastOneElementOfType(MissingAriCredentialsFailureAnalyzer.class)
			.hasAtLeastOneElementOfType(MissingAriApplicationsFailureAnalyzer.class)
			.anySatisfy((analyzer) -> assertThat(analyzer.getClass().getName())
				.isEqualTo("io.github.arispring.env.InvalidIniFileFailureAnalyzer"));
	}

}
