package io.github.arispring.benchmarks;

import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The ceiling: a bare Reactor Netty WebSocket client on the same socket settings as the
 * starter's, which reads each frame and decodes only its {@code type} with Jackson's
 * streaming parser, on the Netty thread, and does nothing else.
 */
final class CeilingClient implements AutoCloseable {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private final Disposable connection;

	private volatile long count;

	private long malformed;

	private volatile long target = Long.MAX_VALUE;

	private volatile long lastAt;

	private volatile CompletableFuture<Long> done = new CompletableFuture<>();

	private CeilingClient(String eventsUrl) {
		this.connection = HttpClient.create()
			.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, Samples.basicAuth()))
			.websocket(WebsocketClientSpec.builder().protocols("ari").maxFramePayloadLength(2 * 1024 * 1024).build())
			.uri(eventsUrl)
			.handle((in, out) -> in.aggregateFrames(2 * 1024 * 1024).receiveFrames().doOnNext((frame) -> {
				if (frame instanceof TextWebSocketFrame) {
					onFrame(ByteBufUtil.getBytes(frame.content()));
				}
			}).then())
			.subscribe();
	}

	static CeilingClient connect(String eventsUrl) {
		return new CeilingClient(eventsUrl);
	}

	void arm(long expected) {
		this.count = 0;
		this.done = new CompletableFuture<>();
		this.target = expected;
	}

	CompletableFuture<Long> done() {
		return this.done;
	}

	long lastAt() {
		return this.lastAt;
	}

	long malformed() {
		return this.malformed;
	}

	private void onFrame(byte[] frame) {
		if (type(frame) == null) {
			this.malformed++;
		}
		long n = ++this.count;
		if (n == this.target) {
			this.lastAt = System.nanoTime();
			this.done.complete(n);
		}
	}

	/** The value of the top-level {@code type} field; the rest of the frame is not read. */
	static String type(byte[] frame) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), frame)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				if ("type".equals(name)) {
					return parser.getString();
				}
				parser.skipChildren();
			}
			return null;
		}
	}

	@Override
	public void close() {
		this.connection.dispose();
	}

}
