package io.github.arispring.test.autoconfigure;

import java.net.URI;

import io.github.arispring.autoconfigure.AriConnectionDetails;
import io.github.arispring.test.simulator.AriSimulator;

/**
 * {@link AriConnectionDetails} that point at a running {@link AriSimulator}, so that the
 * application's ARI clients and listener talk to it instead of the {@code ari.*} properties'
 * Asterisk.
 */
public class AriSimulatorConnectionDetails implements AriConnectionDetails {

	private final AriSimulator simulator;

	/**
	 * Creates connection details for a simulator.
	 * @param simulator the simulator, which must be running when the details are read
	 */
	public AriSimulatorConnectionDetails(AriSimulator simulator) {
		this.simulator = simulator;
	}

	@Override
	public URI getBaseUri() {
		return this.simulator.baseUri();
	}

	@Override
	public String getUsername() {
		return this.simulator.username();
	}

	@Override
	public String getPassword() {
		return this.simulator.password();
	}

	/**
	 * The simulator these details point at.
	 * @return the simulator
	 */
	public AriSimulator getSimulator() {
		return this.simulator;
	}

}
