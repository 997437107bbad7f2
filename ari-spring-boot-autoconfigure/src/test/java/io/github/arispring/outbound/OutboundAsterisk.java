package io.github.arispring.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Plays Asterisk's side of an outbound WebSocket, as captured from Asterisk 23.4.1: the upgrade
 * request with subprotocol {@code ari} and optional Basic credentials, frames sent as text,
 * REST requests received, and the close with {@code 1000}.
 */
final class OutboundAsterisk implements AutoCloseable {

	private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final Sinks.One<Integer> closeCode = Sinks.one();

	private volatile @Nullable String subprotocol;

	private volatile @Nullable WebsocketOutbound out;

	private OutboundAsterisk() {
	}

	/**
	 * Opens a socket as Asterisk does.
	 * @param uri the endpoint
	 * @param authorization the Authorization header, or {@code null}
	 * @return the open socket
	 */
	static OutboundAsterisk connect(URI uri, @Nullable String authorization) {
		OutboundAsterisk asterisk = new OutboundAsterisk();
		Sinks.One<Boolean> open = Sinks.one();
		HttpClient.create()
			.headers((headers) -> {
				if (authorization != null) {
					headers.set("Authorization", authorization);
				}
			})
			.websocket(WebsocketClientSpec.builder().protocols("ari").build())
			.uri(uri)
			.handle((in, out) -> asterisk.run(in, out, open))
			.subscribe(null, (ex) -> {
				open.tryEmitError(ex);
				asterisk.closeCode.tryEmitValue(-1);
			}, () -> asterisk.closeCode.tryEmitValue(1006));
		open.asMono().block(Duration.ofSeconds(10));
		return asterisk;
	}

	/**
	 * The status the endpoint answered an upgrade request with, when it refused it.
	 * @param uri the endpoint
	 * @param authorization the Authorization header, or {@code null}
	 * @return the status, or 101 if the upgrade succeeded
	 */
	static int status(URI uri, @Nullable String authorization) {
		try {
			connect(uri, authorization).close();
			return 101;
		}
		catch (RuntimeException ex) {
			for (Throwable t = ex; t != null; t = t.getCause()) {
				if (t instanceof WebSocketClientHandshakeException handshake) {
					return handshake.response().status().code();
				}
			}
			throw ex;
		}
	}

	private Mono<Void> run(WebsocketInbound in, WebsocketOutbound out, Sinks.One<Boolean> open) {
		this.out = out;
		this.subprotocol = in.headers().get("Sec-WebSocket-Protocol");
		open.tryEmitValue(true);
		Mono<Void> receive = in.aggregateFrames()
			.receive()
			.asString()
			.doOnNext(this.received::add)
			.then(in.receiveCloseStatus()
				.doOnNext((status) -> this.closeCode.tryEmitValue(status.code()))
				.timeout(Duration.ofSeconds(1), Mono.empty())
				.then());
		Mono<Void> send = out.sendString(this.outgoing.asFlux()).then();
		return Mono.firstWithSignal(receive, send);
	}

	/**
	 * The subprotocol the endpoint chose.
	 * @return the subprotocol, or {@code null}
	 */
	@Nullable String subprotocol() {
		return this.subprotocol;
	}

	void send(String frame) {
		synchronized (this.outgoing) {
			this.outgoing.tryEmitNext(frame).orThrow();
		}
	}

	void send(List<String> frames) {
		frames.forEach(this::send);
	}

	/**
	 * The next frame the application sent.
	 * @return the frame, or {@code null} if none came within 5 s
	 */
	@Nullable String nextReceived() throws InterruptedException {
		return this.received.poll(5, TimeUnit.SECONDS);
	}

	/**
	 * Closes with {@code 1000}, as Asterisk does after a per-call socket's StasisEnd.
	 */
	void closeNormally() {
		WebsocketOutbound out = this.out;
		if (out != null) {
			out.sendClose(1000, "").subscribe(null, (ex) -> { });
		}
	}

	/**
	 * The close code the socket ended with.
	 * @return the code, or {@code null} if still open after the wait
	 */
	@Nullable Integer awaitClosed(Duration wait) {
		return this.closeCode.asMono().timeout(wait, reactor.core.publisher.Mono.empty()).block();
	}

	@Override
	public void close() {
		closeNormally();
	}

}
