package io.github.arispring.test.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * Which WebSocket owns which Stasis application, and the delivery of events to them. Every
 * method runs with the simulator's lock held, so each socket gets its frames in the order the
 * events happened.
 */
final class EventHub {

	/** Each application belongs to the socket that registered it last. */
	private final Map<String, EventSocket> owners = new LinkedHashMap<>();

	private final List<EventSocket> sockets = new ArrayList<>();

	private final BoundedLog<SentEvent> sent;

	EventHub(int capacity) {
		this.sent = new BoundedLog<>(capacity);
	}

	/**
	 * Registers a socket's applications. A socket that owned one of them before gets
	 * ApplicationReplaced and nothing more for it, but stays open, as on Asterisk.
	 */
	void open(EventSocket socket, ObjectNode applicationReplaced) {
		this.sockets.add(socket);
		for (String application : socket.applications) {
			EventSocket previous = this.owners.put(application, socket);
			if (previous != null && previous != socket) {
				send(previous, applicationReplaced, application);
			}
		}
	}

	/** When the socket that owns an application closes, the application is gone. */
	void close(EventSocket socket) {
		this.sockets.remove(socket);
		this.owners.values().removeIf((owner) -> owner == socket);
	}

	List<EventSocket> sockets() {
		return List.copyOf(this.sockets);
	}

	boolean isRegistered(String application) {
		return this.owners.containsKey(application);
	}

	List<String> applications() {
		return List.copyOf(this.owners.keySet());
	}

	/** Sends an event to every application subscribed to its source, and to those subscribed to all. */
	void deliver(ObjectNode event, Collection<String> subscribers) {
		this.owners.forEach((application, socket) -> {
			if (socket.subscribeAll || subscribers.contains(application)) {
				send(socket, event, application);
			}
		});
	}

	/** Sends an event to each of the given applications that a socket has registered. */
	void deliverTo(ObjectNode event, Collection<String> applications) {
		for (String application : applications) {
			EventSocket socket = this.owners.get(application);
			if (socket != null) {
				send(socket, event, application);
			}
		}
	}

	List<SentEvent> sent() {
		return this.sent.list();
	}

	void clearLog() {
		this.sent.clear();
	}

	private void send(EventSocket socket, ObjectNode event, String application) {
		String frame = Wire.frame(event, application);
		this.sent.add(new SentEvent(application, event.path("type").asString(""), frame));
		socket.send(frame);
	}

}
