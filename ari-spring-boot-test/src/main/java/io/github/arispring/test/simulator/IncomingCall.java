package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

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
	 * Offers the call to every application whose name the filter matches, as the dialplan's
	 * {@code StasisBroadcast(timeout,app_filter,args,notify_claimed)} does: each gets
	 * {@code CallBroadcast}, the first to claim it ({@code POST /events/claim}) gets
	 * {@code StasisStart} with the arguments of {@link #withArgs}. Without a claim within the
	 * time-out the call goes on in the dialplan with {@code STASISSTATUS=TIMEOUT}. Waits first (up
	 * to the simulator's application timeout) until an application that the filter matches is
	 * registered.
	 * @param appFilter a regular expression that application names must contain a match of, such
	 * as {@code ^ivr-}; {@code null} or empty for every application
	 * @param timeout how long to wait for a claim (Asterisk's default is 500 ms)
	 * @param notifyClaimed whether the matching applications get {@code CallClaimed} when the call
	 * is claimed
	 * @return the call
	 * @throws IllegalStateException if no matching application is registered in time
	 */
	public Call broadcast(@Nullable String appFilter, Duration timeout, boolean notifyClaimed) {
		Duration wait = this.state.settings.applicationTimeout();
		if (!this.state.await(() -> this.state.broadcasts.anyMatching(appFilter), wait)) {
			throw new IllegalStateException("No events WebSocket registered a Stasis application matching '" + appFilter
					+ "' within " + wait + " (registered: " + this.state.sockets.registeredApplications()
					+ "); is the application's listener connected to the simulator?");
		}
		return new Call(this.state, this.state.broadcasts.incomingCall(this.endpoint, this.callerName,
				this.callerNumber, this.context, this.extension, timeout, appFilter, this.args, notifyClaimed));
	}

	/**
	 * Sends the call into a Stasis application, waiting (up to the simulator's application
	 * timeout) for a WebSocket to register the application first.
	 * @param application the application
	 * @return the call
	 * @throws IllegalStateException if no WebSocket registers the application in time
	 */
	public Call into(String application) {
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
