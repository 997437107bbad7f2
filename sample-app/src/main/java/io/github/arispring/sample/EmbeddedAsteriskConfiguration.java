package io.github.arispring.sample;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.test.autoconfigure.AriSimulatorAutoConfiguration;
import io.github.arispring.test.simulator.AriSimulator;

/**
 * Without {@code ari.url} the sample runs on the embedded ARI simulator, where a demo caller
 * dials in every few seconds. With {@code --ari.url=http://pbx:8088} (and credentials) none of
 * this exists and the sample talks to that Asterisk.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${ari.url:}'.isEmpty()")
@ImportAutoConfiguration(AriSimulatorAutoConfiguration.class)
class EmbeddedAsteriskConfiguration {

	@Bean
	@ConditionalOnProperty(name = "sample.demo.enabled", matchIfMissing = true)
	DemoCaller demoCaller(AriSimulator simulator, IvrProperties properties) {
		return new DemoCaller(simulator, properties);
	}

}
