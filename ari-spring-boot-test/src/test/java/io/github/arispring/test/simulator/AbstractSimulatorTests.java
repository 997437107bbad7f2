package io.github.arispring.test.simulator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.client.AriClient;
import io.github.arispring.test.junit.AriSimulatorExtension;

/**
 * A simulator of its own for each test, and the real REST client pointed at it.
 */
abstract class AbstractSimulatorTests {

	@RegisterExtension
	final AriSimulatorExtension ari = new AriSimulatorExtension(
			AriSimulator.builder().readOnlyUser("readonly", "readonly"));

	AriSimulator simulator;

	AriClient client;

	@BeforeEach
	void useTheSimulator() {
		this.simulator = this.ari.simulator();
		this.client = RawHttp.ari(this.simulator);
	}

}
