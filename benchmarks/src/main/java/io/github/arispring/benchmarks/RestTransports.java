package io.github.arispring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.LoopResources;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.model.Channel;

/**
 * REST over HTTP next to REST over the events WebSocket ({@code ari.rest.transport=websocket}),
 * both through the starter's {@code AriClient} in a Spring Boot application, against one local
 * stub that answers both ways and, like Asterisk's {@code sessionlimit}, closes connections
 * beyond 100 open at once (the events WebSocket included).
 * <ul>
 * <li><b>Calls/s and p99</b> of {@code channels().get(id)} with 1, 16 and 64 callers (one
 * platform thread each), the two transports alternating within each round.
 * <li><b>Burst</b>: 1,000 calls released at the same moment, each on a platform thread of its
 * own, each answering, setting a variable and hanging up (three REST calls), as the handlers of
 * {@code CallBurstTests} do: time until the last is done, calls failed, and the most TCP
 * connections open at once at the server. Over HTTP with the bounded pool (the defaults),
 * over HTTP without a bound ({@code ari.http.max-connections} of 1,000), and over the WebSocket.
 * </ul>
 * Every answer is checked; errors and wrong answers are counted.
 */
public final class RestTransports {

	private static final int IDS = 1000;

	private static final int SESSION_LIMIT = 100;

	private static final long MAX_CALLS_PER_RUN = 5_000_000;

	private static final Duration WAIT = Duration.ofSeconds(30);

	private RestTransports() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = Integer.getInteger("bench.transport.seconds", 3);
		int warmupSeconds = Integer.getInteger("bench.transport.warmup", 2);
		int rounds = Integer.getInteger("bench.transport.rounds", 5);
		int burstCalls = Integer.getInteger("bench.transport.burst", 1000);
		int burstRounds = Integer.getInteger("bench.transport.burstRounds", 3);
		String[] ids = new String[IDS];
		for (int i = 0; i < IDS; i++) {
			ids[i] = "1795836659." + (1000 + i);
		}
		try (Stub stub = Stub.start(SESSION_LIMIT)) {
			throughput(stub, ids, seconds, warmupSeconds, rounds);
			Map<String, String[]> modes = new LinkedHashMap<>();
			modes.put("http-bounded", new String[0]);
			modes.put("http-unbounded", new String[] { "ari.http.max-connections=" + burstCalls });
			modes.put("websocket", new String[] { "ari.rest.transport=websocket" });
			for (Map.Entry<String, String[]> mode : modes.entrySet()) {
				burst(stub, mode.getKey(), mode.getValue(), burstCalls, burstRounds);
			}
		}
	}

	private static void throughput(Stub stub, String[] ids, int seconds, int warmupSeconds, int rounds)
			throws Exception {
		try (ConfigurableApplicationContext http = StarterApp.run(stub.url(), List.of("bench-http"), List.of());
				ConfigurableApplicationContext webSocket = StarterApp.run(stub.url(), List.of("bench-ws"), List.of(),
						"ari.rest.transport=websocket")) {
			await(() -> stub.eventSockets.get() == 2, "both events WebSockets to open");
			WebSocketRestConnector connector = webSocket.getBean(WebSocketRestConnector.class);
			await(connector::isAnswering, "REST over the WebSocket to be answered");
			Map<String, AriClient> clients = new LinkedHashMap<>();
			clients.put("http", http.getBean(AriClient.class));
			clients.put("websocket", webSocket.getBean(AriClient.class));
			long errors = 0;
			long wrong = 0;
			long httpRequests = stub.httpRequests.get();
			long frameRequests = stub.frameRequests.get();
			long httpCalls = 0;
			long webSocketCalls = 0;
			for (int concurrency : new int[] { 1, 16, 64 }) {
				for (AriClient client : clients.values()) {
					run(client, ids, concurrency, Duration.ofSeconds(warmupSeconds));
				}
				Map<String, double[]> rates = new LinkedHashMap<>();
				Map<String, double[]> p99s = new LinkedHashMap<>();
				for (int round = 0; round < rounds; round++) {
					for (Map.Entry<String, AriClient> client : clients.entrySet()) {
						long httpBefore = stub.httpRequests.get();
						long framesBefore = stub.frameRequests.get();
						Run run = run(client.getValue(), ids, concurrency, Duration.ofSeconds(seconds));
						rates.computeIfAbsent(client.getKey(), (k) -> new double[rounds])[round] = run.rate();
						p99s.computeIfAbsent(client.getKey(), (k) -> new double[rounds])[round] = run.p99Millis();
						errors += run.errors;
						wrong += run.wrong;
						// Each transport's calls must have reached the stub its own way, and only so.
						if (client.getKey().equals("http")) {
							httpCalls += run.calls;
							wrong += Math.abs((stub.httpRequests.get() - httpBefore) - run.calls);
							wrong += stub.frameRequests.get() - framesBefore;
						}
						else {
							webSocketCalls += run.calls;
							wrong += Math.abs((stub.frameRequests.get() - framesBefore) - run.calls);
							wrong += stub.httpRequests.get() - httpBefore;
						}
						Out.progress("transport %s x%d round %d: %.0f calls/s, p99 %.3f ms, errors %d, wrong %d",
								client.getKey(), concurrency, round + 1, run.rate(), run.p99Millis(), run.errors, run.wrong);
					}
				}
				for (String name : clients.keySet()) {
					Out.result("transport." + name + "." + concurrency + ".rate",
							String.format(Locale.ROOT, "%.0f", Out.median(rates.get(name))));
					Out.result("transport." + name + "." + concurrency + ".p99",
							String.format(Locale.ROOT, "%.3f", Out.median(p99s.get(name))));
				}
			}
			Out.progress("transport: %d calls over HTTP, %d over the WebSocket (stub saw %d HTTP requests, %d frames)",
					httpCalls, webSocketCalls, stub.httpRequests.get() - httpRequests,
					stub.frameRequests.get() - frameRequests);
			Out.result("transport.errors", errors);
			Out.result("transport.wrong", wrong);
		}
	}

	private static Run run(AriClient ari, String[] ids, int concurrency, Duration duration) throws Exception {
		Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
		AtomicLong calls = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLong wrong = new AtomicLong();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(concurrency);
		try {
			List<Future<?>> callers = new ArrayList<>();
			for (int caller = 0; caller < concurrency; caller++) {
				int first = caller;
				callers.add(threads.submit(() -> {
					for (int i = first; System.nanoTime() < deadline && calls.get() < MAX_CALLS_PER_RUN; i += concurrency) {
						String id = ids[i % ids.length];
						long begin = System.nanoTime();
						try {
							Channel channel = ari.channels().get(id);
							if (channel == null || !id.equals(channel.id()) || !"Up".equals(channel.state())
									|| channel.creationtime() == null) {
								wrong.incrementAndGet();
							}
						}
						catch (RuntimeException ex) {
							errors.incrementAndGet();
						}
						histogram.recordValue(System.nanoTime() - begin);
						calls.incrementAndGet();
					}
				}));
			}
			for (Future<?> caller : callers) {
				caller.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		return new Run(calls.get(), errors.get(), wrong.get(), System.nanoTime() - start, histogram);
	}

	/**
	 * Bursts of calls in a fresh application: one burst to warm up, then the measured ones. The
	 * figures are the median time to drain, and the failures and peak connections summed and
	 * maximised over the measured bursts.
	 */
	private static void burst(Stub stub, String mode, String[] properties, int count, int rounds) throws Exception {
		try (ConfigurableApplicationContext context = StarterApp.run(stub.url(), List.of("bench-burst"), List.of(),
				properties)) {
			await(() -> stub.eventSockets.get() == 1, "the events WebSocket to open");
			if (context.containsBean("ariWebSocketRestConnector")) {
				await(context.getBean(WebSocketRestConnector.class)::isAnswering, "REST over the WebSocket to be answered");
			}
			AriClient ari = context.getBean(AriClient.class);
			double[] drains = new double[rounds];
			long failed = 0;
			long failedRequests = 0;
			int peak = 0;
			long refused = 0;
			long httpRequests = 0;
			for (int round = -1; round < rounds; round++) {
				// Pooled connections left open by the last burst count: they are open at the server.
				stub.resetPeak();
				long refusedBefore = stub.refused.get();
				long httpBefore = stub.httpRequests.get();
				Burst burst = burst(ari, count);
				if (round >= 0) {
					drains[round] = burst.drainMillis;
					failed += burst.failedCalls;
					failedRequests += burst.failedRequests;
					peak = Math.max(peak, stub.peak.get());
					refused += stub.refused.get() - refusedBefore;
					httpRequests += stub.httpRequests.get() - httpBefore;
				}
				Out.progress("burst %s %s: %d calls drained in %.0f ms, %d failed (%d REST calls failed), peak %d connections, %d refused",
						mode, (round < 0) ? "warm-up" : "round " + (round + 1), count, burst.drainMillis, burst.failedCalls,
						burst.failedRequests, stub.peak.get(), stub.refused.get() - refusedBefore);
			}
			Out.result("burst." + mode + ".calls", count);
			Out.result("burst." + mode + ".drainMs", String.format(Locale.ROOT, "%.0f", Out.median(drains)));
			Out.result("burst." + mode + ".failedCalls", failed);
			Out.result("burst." + mode + ".failedRequests", failedRequests);
			Out.result("burst." + mode + ".peakConnections", peak);
			Out.result("burst." + mode + ".refused", refused);
			Out.result("burst." + mode + ".httpRequests", httpRequests);
		}
		await(() -> stub.open.get() == 0, "the application's connections to close");
	}

	private static Burst burst(AriClient ari, int count) throws Exception {
		CountDownLatch ready = new CountDownLatch(count);
		CountDownLatch go = new CountDownLatch(1);
		AtomicInteger failedCalls = new AtomicInteger();
		AtomicInteger failedRequests = new AtomicInteger();
		AtomicLong lastDone = new AtomicLong();
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String channel = "1795836659." + (100_000 + i);
				calls.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					int failures = 0;
					for (Runnable request : List.<Runnable>of(() -> ari.channels().answer(channel),
							() -> ari.channels().setChannelVar(channel, "BURST", "handled", null),
							() -> ari.channels().hangup(channel))) {
						try {
							request.run();
						}
						catch (RuntimeException ex) {
							failures++;
						}
					}
					if (failures > 0) {
						failedCalls.incrementAndGet();
						failedRequests.addAndGet(failures);
					}
					lastDone.accumulateAndGet(System.nanoTime(), Math::max);
					return null;
				}));
			}
			ready.await();
			long start = System.nanoTime();
			go.countDown();
			for (Future<?> call : calls) {
				call.get(2, TimeUnit.MINUTES);
			}
			return new Burst((lastDone.get() - start) / 1e6, failedCalls.get(), failedRequests.get());
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Gave up waiting for " + what);
			}
			Thread.sleep(10);
		}
	}

	record Run(long calls, long errors, long wrong, long nanos, Histogram histogram) {

		double rate() {
			return this.calls * 1e9 / this.nanos;
		}

		double p99Millis() {
			return this.histogram.getValueAtPercentile(99) / 1e6;
		}

	}

	record Burst(double drainMillis, int failedCalls, int failedRequests) {

	}

	/**
	 * A local stub of Asterisk's REST API over HTTP and as {@code RESTRequest} frames on the
	 * events WebSocket ({@code /ari/events}, Basic credentials, subprotocol {@code ari}),
	 * answering frames one after another in the order they came, as Asterisk does. It answers
	 * {@code GET channels/{channelId}} with the recorded body of {@code rest/channels/get.json}
	 * (the requested id in place of the recorded one), {@code GET asterisk/info} with the
	 * recorded answer, and a channel's {@code answer}, {@code variable} and hang-up with 204. It
	 * closes a new connection at once while {@code sessionLimit} are open, as Asterisk does.
	 */
	static final class Stub implements AutoCloseable {

		private static final JsonMapper MAPPER = JsonMapper.builder().build();

		private static final String CHANNELS = "channels/";

		final AtomicInteger open = new AtomicInteger();

		final AtomicInteger peak = new AtomicInteger();

		final AtomicLong refused = new AtomicLong();

		final AtomicInteger eventSockets = new AtomicInteger();

		final AtomicLong httpRequests = new AtomicLong();

		final AtomicLong frameRequests = new AtomicLong();

		private final int sessionLimit;

		private final String channelBody;

		private final String asteriskInfo;

		private final LoopResources loop = LoopResources.create("transport-stub", 2, true);

		private DisposableServer server;

		private Stub(int sessionLimit) {
			this.sessionLimit = sessionLimit;
			this.channelBody = MAPPER.readTree(Samples.text("rest/channels/get.json")).toString();
			if (!this.channelBody.startsWith("{\"id\":\"" + RestStub.RECORDED_ID + "\"")) {
				throw new IllegalStateException("Unexpected recorded body: " + this.channelBody);
			}
			this.asteriskInfo = MAPPER.readTree(Samples.text("rest-over-websocket/success-get-asterisk-info.json"))
				.path("received")
				.path("message_body")
				.asString();
		}

		static Stub start(int sessionLimit) {
			Stub stub = new Stub(sessionLimit);
			String expected = Samples.basicAuth();
			stub.server = HttpServer.create()
				.runOn(stub.loop)
				.host("127.0.0.1")
				.port(0)
				.doOnChannelInit((observer, channel, address) -> channel.pipeline()
					.addFirst("sessionLimit", stub.new Session()))
				.handle((request, response) -> {
					if (!expected.equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
						return response.status(HttpResponseStatus.UNAUTHORIZED).send();
					}
					QueryStringDecoder uri = new QueryStringDecoder(request.uri());
					String path = uri.path().startsWith("/ari/") ? uri.path().substring(5) : uri.path();
					if (path.equals("events")) {
						return stub.events(request, response, uri.parameters().get("app").get(0));
					}
					stub.httpRequests.incrementAndGet();
					Answer answer = stub.answer(request.method().name(), path);
					response.status(answer.status);
					if (answer.body == null) {
						return response.send();
					}
					ByteBuf body = Unpooled.wrappedBuffer(answer.body.getBytes(StandardCharsets.UTF_8));
					return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.readableBytes()))
						.send(Mono.just(body));
				})
				.bindNow();
			return stub;
		}

		private Publisher<Void> events(HttpServerRequest request, HttpServerResponse response, String application) {
			return response.sendWebsocket((in, out) -> {
				this.eventSockets.incrementAndGet();
				// In the order they came, one after another on the connection's event loop.
				return out
					.sendString(in.receiveFrames()
						.filter(TextWebSocketFrame.class::isInstance)
						.map((frame) -> ((TextWebSocketFrame) frame).text())
						.map((frame) -> answerFrame(frame, application)), StandardCharsets.UTF_8)
					.then()
					.doFinally((signal) -> this.eventSockets.decrementAndGet());
			}, WebsocketServerSpec.builder().protocols("ari").build());
		}

		private String answerFrame(String frame, String application) {
			this.frameRequests.incrementAndGet();
			JsonNode request = MAPPER.readTree(frame);
			String uri = request.path("uri").asString("");
			int question = uri.indexOf('?');
			String path = (question != -1) ? uri.substring(0, question) : uri;
			Answer answer = answer(request.path("method").asString(""), path);
			StringBuilder json = new StringBuilder(2048).append("{\"type\":\"RESTResponse\",\"transaction_id\":");
			quote(json, request.path("transaction_id").asString("")).append(",\"request_id\":");
			quote(json, request.path("request_id").asString("")).append(",\"status_code\":")
				.append(answer.status.code())
				.append(",\"reason_phrase\":");
			quote(json, answer.status.reasonPhrase()).append(",\"uri\":");
			quote(json, path);
			if (answer.body != null) {
				json.append(",\"content_type\":\"application/json\",\"message_body\":");
				quote(json, answer.body);
			}
			json.append(",\"application\":");
			quote(json, application);
			return json.append(",\"timestamp\":\"2026-11-28T03:30:51.032+0000\",\"asterisk_id\":\"02:fc:00:00:00:01\"}")
				.toString();
		}

		private static StringBuilder quote(StringBuilder json, String text) {
			json.append('"');
			JsonStringEncoder.getInstance().quoteAsString(text, json);
			return json.append('"');
		}

		private Answer answer(String method, String path) {
			if (method.equals("GET") && path.equals("asterisk/info")) {
				return new Answer(HttpResponseStatus.OK, this.asteriskInfo);
			}
			if (!path.startsWith(CHANNELS)) {
				return new Answer(HttpResponseStatus.NOT_FOUND, "{\"message\":\"Resource not found\"}");
			}
			String rest = path.substring(CHANNELS.length());
			int slash = rest.indexOf('/');
			String id = (slash != -1) ? rest.substring(0, slash) : rest;
			String action = (slash != -1) ? rest.substring(slash + 1) : "";
			if (method.equals("GET") && action.isEmpty()) {
				String body = "{\"id\":\"" + id + "\"" + this.channelBody.substring(RestStub.RECORDED_ID.length() + 8);
				return new Answer(HttpResponseStatus.OK, body);
			}
			if ((method.equals("POST") && (action.equals("answer") || action.equals("variable")))
					|| (method.equals("DELETE") && action.isEmpty())) {
				return new Answer(HttpResponseStatus.NO_CONTENT, null);
			}
			return new Answer(HttpResponseStatus.NOT_FOUND, "{\"message\":\"Resource not found\"}");
		}

		void resetPeak() {
			this.peak.set(this.open.get());
		}

		String url() {
			return "http://127.0.0.1:" + this.server.port();
		}

		@Override
		public void close() {
			this.server.disposeNow(Duration.ofSeconds(5));
			this.loop.disposeLater().block(Duration.ofSeconds(5));
		}

		private record Answer(HttpResponseStatus status, String body) {

		}

		/** One connection, counted from activation to close unless it was refused. */
		private final class Session extends ChannelInboundHandlerAdapter {

			private boolean counted;

			@Override
			public void channelActive(ChannelHandlerContext ctx) {
				int sessions = Stub.this.open.incrementAndGet();
				if (sessions > Stub.this.sessionLimit) {
					Stub.this.open.decrementAndGet();
					Stub.this.refused.incrementAndGet();
					ctx.close();
					return;
				}
				this.counted = true;
				Stub.this.peak.accumulateAndGet(sessions, Math::max);
				ctx.fireChannelActive();
			}

			@Override
			public void channelInactive(ChannelHandlerContext ctx) {
				if (this.counted) {
					this.counted = false;
					Stub.this.open.decrementAndGet();
					ctx.fireChannelInactive();
				}
			}

		}

	}

}
