package io.github.arispring.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.LoopResources;

/**
 * An in-process events WebSocket speaking like Asterisk ({@code /ari/events?app=...}, Basic
 * credentials, subprotocol {@code ari}), adapted from the tests' fake for load: it writes the
 * pre-encoded wire bytes of an {@link EventStream} straight to the socket, either as fast as
 * the socket takes them (whole-frame chunks of up to 256 KB, two writes in flight), or paced
 * at a fixed rate with the send time written into each frame.
 */
final class EventsServer implements AutoCloseable {

	/** The origin of the {@code x_sent} times: the same in client and server, which share the JVM. */
	static final long EPOCH = System.nanoTime();

	private final Map<String, Channel> connections = new ConcurrentHashMap<>();

	/** Its own event loop, so that the server never shares a thread with the clients it feeds. */
	private final LoopResources loop = LoopResources.create("events-server", 1, true);

	private DisposableServer server;

	/** Claims of broadcast channels received. */
	final AtomicLong claims = new AtomicLong();

	/** Where the paced sender goes on in the stream, so that consecutive runs continue it. */
	private long pacedCursor;

	static EventsServer start() {
		EventsServer events = new EventsServer();
		String expected = Samples.basicAuth();
		events.server = HttpServer.create()
			.runOn(events.loop)
			.host("127.0.0.1")
			.port(0)
			// The starter claims the channels of CallBroadcast events: answered as Asterisk
			// answers the claim that wins, so that the claims cost what they cost against it.
			.route((routes) -> routes.post("/ari/events/claim", (request, response) -> {
				if (!expected.equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
					return response.status(HttpResponseStatus.UNAUTHORIZED).send();
				}
				events.claims.incrementAndGet();
				return response.status(HttpResponseStatus.NO_CONTENT).send();
			}).get("/ari/events", (request, response) -> {
				if (!expected.equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
					return response.status(HttpResponseStatus.UNAUTHORIZED).send();
				}
				String app = new QueryStringDecoder(request.uri()).parameters().get("app").get(0);
				return response.sendWebsocket((in, out) -> {
					out.withConnection((connection) -> events.connections.put(app, connection.channel()));
					return in.receiveFrames().then().doFinally((signal) -> events.connections.remove(app));
				}, WebsocketServerSpec.builder().protocols("ari").build());
			}))
			.bindNow();
		return events;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Waits for a client to connect.
	 * @param app the value of the connection's {@code app} parameter
	 * @param timeout how long to wait
	 * @return the connection's channel
	 */
	Channel awaitConnection(String app, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Channel channel = this.connections.get(app);
			if (channel != null) {
				return channel;
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("No connection for app=" + app + " within " + timeout);
	}

	/**
	 * Sends the stream the given number of times as fast as the socket takes it.
	 * @return completes when the last byte was handed to the socket
	 */
	CompletableFuture<Void> blast(Channel channel, EventStream stream, int repeats) {
		Blast blast = new Blast(channel, stream, repeats);
		channel.eventLoop().execute(blast::start);
		return blast.done;
	}

	/**
	 * Sends frames of the stream, in order and cyclically, at a fixed rate, writing the send
	 * time into each. Bounded by count and time.
	 * @return the number of frames sent
	 */
	long pace(Channel channel, EventStream stream, int perSecond, long count, Duration maxTime) {
		long interval = 1_000_000_000L / perSecond;
		long start = System.nanoTime() + 1_000_000;
		long deadline = start + maxTime.toNanos();
		long sent = 0;
		while (sent < count) {
			long now = System.nanoTime();
			if (now > deadline) {
				break;
			}
			long due = start + sent * interval;
			if (now < due) {
				LockSupport.parkNanos(due - now);
				continue;
			}
			long batch = Math.min(Math.min(count - sent, (now - due) / interval + 1), 256);
			long first = this.pacedCursor + sent;
			sent += batch;
			channel.eventLoop().execute(() -> {
				for (long i = first; i < first + batch; i++) {
					int seq = (int) (i % stream.size());
					int offset = stream.wireOffset[seq];
					int length = stream.wireOffset[seq + 1] - offset;
					ByteBuf frame = channel.alloc().directBuffer(length).writeBytes(stream.wire, offset, length);
					long value = System.nanoTime() - EPOCH;
					int at = stream.sentOffset[seq] - offset + EventStream.SENT_DIGITS - 1;
					for (int digit = 0; digit < EventStream.SENT_DIGITS; digit++) {
						frame.setByte(at - digit, (int) ('0' + value % 10));
						value /= 10;
					}
					channel.write(frame);
				}
				channel.flush();
			});
		}
		this.pacedCursor += sent;
		return sent;
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loop.disposeLater().block(Duration.ofSeconds(5));
	}

	private static final class Blast {

		private final Channel channel;

		private final EventStream stream;

		private final int repeats;

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		private int repeat;

		private int chunk;

		private int inFlight;

		Blast(Channel channel, EventStream stream, int repeats) {
			this.channel = channel;
			this.stream = stream;
			this.repeats = repeats;
		}

		void start() {
			writeNext();
			writeNext();
		}

		private void writeNext() {
			if (this.repeat == this.repeats) {
				if (this.inFlight == 0) {
					this.done.complete(null);
				}
				return;
			}
			int from = this.stream.wireOffset[this.stream.chunkStart[this.chunk]];
			int to = this.stream.wireOffset[this.stream.chunkStart[this.chunk + 1]];
			this.chunk++;
			if (this.chunk == this.stream.chunkStart.length - 1) {
				this.chunk = 0;
				this.repeat++;
			}
			this.inFlight++;
			this.channel.writeAndFlush(this.stream.wireBuffer.slice(from, to - from)).addListener((future) -> {
				this.inFlight--;
				if (!future.isSuccess()) {
					this.done.completeExceptionally(future.cause());
					return;
				}
				writeNext();
			});
		}

	}

}
