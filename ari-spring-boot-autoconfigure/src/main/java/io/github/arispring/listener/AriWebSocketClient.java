package io.github.arispring.listener;

import java.net.URI;
import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;

/**
 * The client of the events WebSocket: Spring's {@link ReactorNettyWebSocketClient} asking for
 * the {@code ari} subprotocol, with Asterisk's answer to each upgrade checked before Reactor
 * Netty sees it. A refused upgrade (401, 403, 404, 400, a missing subprotocol), a connection
 * closed or failed before the answer, or no answer in time ends the attempt with one error
 * that names the cause, for the listener to log once; Reactor Netty logs nothing about it.
 */
public class AriWebSocketClient implements WebSocketClient {

	/** The subprotocol of ARI's events WebSocket. */
	public static final String PROTOCOL = "ari";

	private static final String UPGRADE_CHECK = "ari.upgradeCheck";

	private final HttpClient httpClient;

	private final int maxFramePayloadLength;

	private final Duration upgradeTimeout;

	/**
	 * Creates a client.
	 * @param httpClient the HTTP client, without a connection pool
	 * ({@link HttpClient#newConnection()}): an events WebSocket is one long-lived connection,
	 * and a refused one is closed here rather than released to a pool
	 * @param maxFramePayloadLength the largest frame accepted, in bytes
	 * @param upgradeTimeout how long to wait for the answer to the upgrade once connected
	 */
	public AriWebSocketClient(HttpClient httpClient, int maxFramePayloadLength, Duration upgradeTimeout) {
		this.httpClient = httpClient;
		this.maxFramePayloadLength = maxFramePayloadLength;
		this.upgradeTimeout = upgradeTimeout;
	}

	@Override
	public Mono<Void> execute(URI url, WebSocketHandler handler) {
		return execute(url, new HttpHeaders(), handler);
	}

	@Override
	public Mono<Void> execute(URI url, HttpHeaders requestHeaders, WebSocketHandler handler) {
		return Mono.defer(() -> {
			Sinks.One<Void> refusal = Sinks.one();
			HttpClient checked = this.httpClient.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addBefore(NettyPipeline.ReactiveBridge, UPGRADE_CHECK,
						new WebSocketUpgradeCheck(PROTOCOL, this.upgradeTimeout, refusal)));
			ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(checked,
					() -> WebsocketClientSpec.builder().protocols(PROTOCOL).maxFramePayloadLength(this.maxFramePayloadLength));
			return Mono.firstWithSignal(client.execute(url, requestHeaders, handler), refusal.asMono());
		});
	}

}
