package io.github.arispring.client.websocket;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A {@link WebSocketFrameSender} for a socket whose outbound side is a {@link Flux}: frames
 * sent from any number of threads come out of {@link #frames()} one after another, to be
 * merged into the socket's {@code send(...)} with whatever else it sends (pings).
 */
public final class WebSocketFrameQueue implements WebSocketFrameSender {

	private final Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();

	@Override
	public Mono<Void> send(String frame) {
		Sinks.EmitResult result;
		// A sink accepts one emitter at a time; the lock is held only to hand the frame over.
		synchronized (this.sink) {
			result = this.sink.tryEmitNext(frame);
		}
		return result.isSuccess() ? Mono.empty()
				: Mono.error(new WebSocketRestException("the WebSocket is closed (" + result + ")"));
	}

	/**
	 * The frames in the order they were sent; may be subscribed to once.
	 * @return the frames
	 */
	public Flux<String> frames() {
		return this.sink.asFlux();
	}

}
