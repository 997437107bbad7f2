package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.List;

/**
 * A call about to arrive: {@code simulator.incomingCall("+15551234").withArgs("sales").into("ivr")}.
 * The caller's channel runs {@code Stasis(ivr,sales)} from the dialplan and arrives in state
 * {@code Ring}, as in the recorded inbound flow.
 */
public final class IncomingCall {

	private final SimulatorState state;

	private final String callerNumber;

	private String callerName = "";

	private String endpoint = "PJSIP/caller";

	private String context = "default";

	private String extension = "s";

	private List<String> args = List.of();

	IncomingCall(SimulatorState state, String callerNumber) {
		this.state = state;
		this.callerNumber = callerNumber;
	}

	/**
	 * Sets the caller's name.
	 * @param callerName the name
	 * @return this call
	 */
	public IncomingCall callerName(String callerName) {
		this.callerName = callerName;
		return this;
	}

	/**
	 * Sets the endpoint the call comes from, which names the channel; {@code PJSIP/caller} by default.
	 * @param endpoint the endpoint, as {@code technology/resource}
	 * @return this call
	 */
	public IncomingCall from(String endpoint) {
		if (endpoint.indexOf('/') <= 0) {
			throw new IllegalArgumentException("An endpoint is technology/resource, such as PJSIP/carrier");
		}
		this.endpoint = endpoint;
		return this;
	}

	/**
	 * Sets the dialplan location where the call runs Stasis; {@code default}, {@code s} by default.
	 * @param context the context
	 * @param extension the extension, usually the number dialled
	 * @return this call
	 */
	public IncomingCall at(String context, String extension) {
		this.context = context;
		this.extension = extension;
		return this;
	}

	/**
	 * Sets the arguments of {@code Stasis()}, which StasisStart carries.
	 * @param args the arguments
	 * @return this call
	 */
	public IncomingCall withArgs(String... args) {
		this.args = List.of(args);
		return this;
	}

	/**
	 * Sends the call into a Stasis application, waiting (up to the simulator's application
	 * timeout) for a WebSocket to register the application first. For a
	 * {@linkplain AriSimulator#perCallApplication per-call application} the call opens its own
	 * socket to the application first, and fails if the application refuses it.
	 * @param application the application
	 * @return the call
	 * @throws IllegalStateException if no WebSocket registers the application in time
	 */
	public Call into(String application) {
		OutboundApplication perCall = this.state.outbound.get(application);
		if (perCall != null) {
			SimChannel channel = this.state.channels.incomingChannel(this.endpoint, this.callerName, this.callerNumber,
					this.context, this.extension);
			String perCallName = perCall.openFor(channel.name);
			this.state.channels.enterStasisFromDialplan(channel, perCallName, this.args);
			return new Call(this.state, channel);
		}
		Duration timeout = this.state.settings.applicationTimeout();
		if (!this.state.await(() -> this.state.sockets.isRegistered(application), timeout)) {
			throw new IllegalStateException("No events WebSocket registered the Stasis application '" + application
					+ "' within " + timeout + " (registered: " + this.state.sockets.registeredApplications()
					+ "); is the application's listener connected to the simulator?");
		}
		return new Call(this.state, this.state.channels.incomingCall(this.endpoint, this.callerName, this.callerNumber,
				this.context, this.extension, application, this.args));
	}

}
