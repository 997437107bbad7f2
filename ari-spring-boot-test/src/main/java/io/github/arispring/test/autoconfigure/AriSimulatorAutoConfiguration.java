package io.github.arispring.test.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.test.simulator.AriSimulator;

/**
 * Test auto-configuration, imported by {@link AutoConfigureAriSimulator}: starts an
 * {@link AriSimulator} and points the application's {@code AriConnectionDetails} at it. It runs
 * before {@link AriAutoConfiguration}, whose properties-based connection details then back off;
 * being {@link Primary} also wins over connection details defined elsewhere.
 */
@AutoConfiguration(before = AriAutoConfiguration.class)
@EnableConfigurationProperties(AriSimulatorProperties.class)
public final class AriSimulatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AriSimulator ariSimulator(AriSimulatorProperties properties) {
		return AriSimulator.builder()
			.credentials(properties.getUsername(), properties.getPassword())
			.mediaDuration(properties.getMediaDuration())
			.answerDelay(properties.getAnswerDelay())
			.sessionLimit(properties.getSessionLimit())
			.start();
	}

	@Bean
	@Primary
	AriSimulatorConnectionDetails ariSimulatorConnectionDetails(AriSimulator ariSimulator) {
		return new AriSimulatorConnectionDetails(ariSimulator.start());
	}

}
