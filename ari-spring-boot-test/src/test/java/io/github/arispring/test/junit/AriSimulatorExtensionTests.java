package io.github.arispring.test.junit;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.test.simulator.AriSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The JUnit extension: one simulator per class, reset between tests, or one per test.
 */
class AriSimulatorExtensionTests {

	private static AriClient client(AriSimulator simulator) {
		return AriClient.create(AriClientFactory.create(WebClient.builder(),
				simulator.baseUri().toString(), simulator.username(), simulator.password()));
	}

	@Nested
	@ExtendWith(AriSimulatorExtension.class)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class PerClass {

		private static final List<AriSimulator> seen = new ArrayList<>();

		@Test
		@Order(1)
		void injectsARunningSimulator(AriSimulator simulator) {
			assertThat(simulator.isRunning()).isTrue();
			client(simulator).asterisk().ping();
			assertThat(simulator.requests()).hasSize(1);
			seen.add(simulator);
		}

		@Test
		@Order(2)
		void keepsItForTheClassButResetsIt(AriSimulator simulator) {
			assertThat(simulator).isSameAs(seen.get(0));
			assertThat(simulator.requests()).isEmpty();
		}

	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class PerTest {

		private static final List<AriSimulator> seen = new ArrayList<>();

		@RegisterExtension
		final AriSimulatorExtension ari = new AriSimulatorExtension(AriSimulator.builder().credentials("app", "secret"));

		@Test
		@Order(1)
		void usesTheSettings() {
			assertThat(this.ari.simulator().username()).isEqualTo("app");
			client(this.ari.simulator()).asterisk().ping();
			seen.add(this.ari.simulator());
		}

		@Test
		@Order(2)
		void startsAnotherForEachTest() {
			assertThat(this.ari.simulator()).isNotSameAs(seen.get(0));
			assertThat(seen.get(0).isRunning()).isFalse();
		}

	}

	@Test
	void hasNoSimulatorOutsideATest() {
		assertThatIllegalStateException().isThrownBy(() -> new AriSimulatorExtension().simulator());
	}

}
