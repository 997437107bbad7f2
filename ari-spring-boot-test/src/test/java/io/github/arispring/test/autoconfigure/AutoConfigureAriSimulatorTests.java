package io.github.arispring.test.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.arispring.autoconfigure.AriConnectionDetails;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.ChannelOriginateParams;
import io.github.arispring.model.Channel;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot test of an application with no {@code ari.url}: the injected {@link AriClient}
 * reaches the simulator that {@link AutoConfigureAriSimulator} started.
 */
@SpringBootTest(classes = AutoConfigureAriSimulatorTests.TestApplication.class, properties = "ari.applications=simulated")
@AutoConfigureAriSimulator(username = "app", password = "secret", answerDelay = "5ms", sessionLimit = 50)
class AutoConfigureAriSimulatorTests {

	@Autowired
	private AriClient ari;

	@Autowired
	private AriSimulator simulator;

	@Autowired
	private AriConnectionDetails connectionDetails;

	@Test
	void theInjectedClientReachesTheSimulator() {
		assertThat(this.connectionDetails).isInstanceOf(AriSimulatorConnectionDetails.class);
		assertThat(this.connectionDetails.getBaseUri()).isEqualTo(this.simulator.baseUri());
		assertThat(this.simulator.username()).isEqualTo("app");
		assertThat(this.simulator.sessionLimit()).isEqualTo(50);
		assertThat(this.ari.asterisk().getInfo(null).system().version()).isEqualTo("23.4.1");
		Channel channel = this.ari.channels().originate("PJSIP/alice",
				ChannelOriginateParams.builder().extension("100").context("default").build());
		Call call = this.simulator.awaitOriginated("PJSIP/alice", Duration.ofSeconds(5))
			.awaitAnswered(Duration.ofSeconds(5));
		assertThat(call.id()).isEqualTo(channel.id());
		assertThat(this.simulator.requests("asterisk.getInfo")).singleElement()
			.satisfies((request) -> assertThat(request.status()).isEqualTo(200));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
