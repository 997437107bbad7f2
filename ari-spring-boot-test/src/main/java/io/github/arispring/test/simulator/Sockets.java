package io.github.arispring.test.simulator;

import java.util.List;

import io.github.arispring.event.ApplicationRegistered;
import io.github.arispring.event.ApplicationReplaced;

/**
 * The events WebSockets and the Stasis applications they register; delivery itself is the
 * {@link EventHub}'s.
 */
final class Sockets {

	private final SimulatorState state;

	private final EventHub hub;

	Sockets(SimulatorState state, EventHub hub) {
		this.state = state;
		this.hub = hub;
	}

	EventSocket open(List<String> applications, boolean subscribeAll) {
		EventSocket socket = new EventSocket(applications, subscribeAll, this.state.settings.eventQueueCapacity());
		this.state.locked(() -> this.hub.open(socket, Wire.event(
				new ApplicationReplaced("ApplicationReplaced", this.state.now(), this.state.id(), null, null))));
		return socket;
	}

	/**
	 * A WebSocket the simulator opened to the application, as Asterisk opens an outbound one:
	 * registers its application and sends ApplicationRegistered first.
	 */
	EventSocket openOutbound(String application) {
		EventSocket socket = new EventSocket(List.of(application), false, this.state.settings.eventQueueCapacity());
		this.state.locked(() -> {
			this.hub.open(socket, Wire.event(
					new ApplicationReplaced("ApplicationReplaced", this.state.now(), this.state.id(), null, null)));
			this.hub.registered(socket, Wire.event(
					new ApplicationRegistered("ApplicationRegistered", this.state.now(), this.state.id(), null, null)));
		});
		return socket;
	}

	void close(EventSocket socket) {
		this.state.locked(() -> this.hub.close(socket));
	}

	/** Drops every socket without a close frame; their applications are unregistered. */
	void dropAll() {
		this.state.locked(() -> this.hub.sockets().forEach((socket) -> {
			this.hub.close(socket);
			socket.drop();
		}));
	}

	/** Under the lock, as the simulator stops: drops every socket without a close frame. */
	void dropOnShutdown() {
		this.hub.sockets().forEach(EventSocket::drop);
	}

	/** Whether a socket has registered the application; the lock is reentrant, so any part may ask. */
	boolean isRegistered(String application) {
		return this.state.read(() -> this.hub.isRegistered(application));
	}

	List<String> registeredApplications() {
		return this.state.read(this.hub::applications);
	}

}
