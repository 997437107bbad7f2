package io.github.arispring.client.websocket;

import reactor.core.publisher.Mono;

/**
 * Sends text frames on one open WebSocket.
 *
 * @see WebSocketFrameQueue
 */
@FunctionalInterface
public interface WebSocketFrameSender {

	/**
	 * Queues a text frame. Must not block: it is called on any thread, including event-loop
	 * threads, and from several threads at once.
	 * @param frame the frame's text
	 * @return completes when the frame is queued, or signals an error if the socket is closed
	 */
	Mono<Void> send(String frame);

}
