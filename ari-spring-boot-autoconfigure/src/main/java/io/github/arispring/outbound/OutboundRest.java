package io.github.arispring.outbound;

import java.net.URI;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * The REST side of one outbound connection: what carries its clients' requests as
 * {@code RESTRequest} frames and completes them from {@code RESTResponse} frames.
 */
final class OutboundRest {

	private final String name;

	OutboundRest(String name) {
		this.name = name;
	}

	/**
	 * The connector the connection's clients send through.
	 */
	ClientHttpConnector connector() {
		return new ClientHttpConnector() {
			@Override
			public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
					Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
				return Mono.error(new UnsupportedOperationException("REST over the " + OutboundRest.this.name
						+ " is not available yet"));
			}
		};
	}

	/**
	 * The frames to send on the socket.
	 */
	Flux<String> frames() {
		return Flux.never();
	}

	/**
	 * A {@code RESTResponse} frame arrived.
	 */
	void onResponse(byte[] frame) {
	}

	/**
	 * The socket closed: calls in flight fail, later calls fail at once.
	 */
	void closed(String reason) {
	}

}
