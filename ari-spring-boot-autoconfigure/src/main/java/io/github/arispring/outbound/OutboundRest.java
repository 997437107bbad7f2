package io.github.arispring.outbound;

import java.net.URI;
import java.time.Duration;

import reactor.core.publisher.Flux;

import org.springframework.http.client.reactive.ClientHttpConnector;

import io.github.arispring.client.websocket.WebSocketFrameQueue;
import io.github.arispring.client.websocket.WebSocketRestConnector;

/**
 * The REST side of one outbound connection: a {@link WebSocketRestConnector} that carries its
 * clients' requests as {@code RESTRequest} frames on the connection's socket, and completes
 * them from the {@code RESTResponse} frames Asterisk sends back. The socket is open for as
 * long as the connection exists and never reopens: once it closes, calls in flight fail and
 * later calls fail at once.
 */
final class OutboundRest {

	private static final URI BASE_URI = URI.create(AriOutboundClients.BASE_URL);

	private final WebSocketRestConnector connector;

	private final WebSocketFrameQueue frames = new WebSocketFrameQueue();

	OutboundRest(String name, Duration timeout) {
		this.connector = new WebSocketRestConnector(BASE_URI, name, timeout);
		this.connector.connected(this.frames);
	}

	/**
	 * The connector the connection's clients send through.
	 */
	ClientHttpConnector connector() {
		return this.connector;
	}

	/**
	 * The frames to send on the socket.
	 */
	Flux<String> frames() {
		return this.frames.frames();
	}

	/**
	 * A {@code RESTResponse} frame arrived.
	 */
	void onResponse(byte[] frame) {
		this.connector.onFrame(frame);
	}

	/**
	 * The socket closed: calls in flight fail, later calls fail at once.
	 */
	void closed(String reason) {
		this.connector.close(reason);
	}

}
