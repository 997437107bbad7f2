package io.github.arispring.test.simulator;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.util.concurrent.Queues;

/**
 * One events WebSocket. Frames wait in a bounded queue for the socket to take them; a client that
 * lets it fill up is dropped, as Asterisk drops a client whose socket stalls.
 */
final class EventSocket {

	private static final Log logger = LogFactory.getLog(EventSocket.class);

	final List<String> applications;

	final boolean subscribeAll;

	private final Sinks.Many<String> frames;

	private volatile @Nullable Connection connection;

	EventSocket(List<String> applications, boolean subscribeAll, int capacity) {
		this.applications = List.copyOf(applications);
		this.subscribeAll = subscribeAll;
		this.frames = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(capacity).get());
	}

	void attach(Connection connection) {
		this.connection = connection;
	}

	Flux<String> frames() {
		return this.frames.asFlux();
	}

	/** Called with the simulator's lock held, which keeps the emissions serial. */
	void send(String frame) {
		Sinks.EmitResult result = this.frames.tryEmitNext(frame);
		if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
			logger.warn("Dropping the events WebSocket of " + this.applications
					+ ": it did not take its frames fast enough");
			drop();
		}
	}

	/** Ends the stream of frames, after which the socket closes normally. */
	void complete() {
		this.frames.tryEmitComplete();
	}

	/** Closes the connection without a close frame, as Asterisk does when it stops. */
	void drop() {
		Connection connection = this.connection;
		if (connection != null) {
			connection.dispose();
		}
		complete();
	}

}
