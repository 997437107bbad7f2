package io.github.arispring.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.model.Channel;

/**
 * REST calls against a local stub ({@code GET /ari/channels/{channelId}} decoded into a
 * {@code Channel}) by three clients, side by side: bare Reactor Netty {@code HttpClient} (the
 * transport underneath, the reference), a bare {@code WebClient}, and the starter's
 * {@code AriClient} / {@code ReactiveAriClient}. Each client has a connection pool of its own
 * with the starter's default settings ({@link AriConnectionPool}). Blocking clients get one
 * platform thread per caller, reactive ones that many calls in flight; 1, 16 and 64 callers.
 * <p>
 * <b>Warm:</b> clients alternate in batches of calls until each one's p50 stops moving (within
 * 5% of its previous batch), then alternate in measured rounds; figures are medians of the
 * rounds, and each client's ratio to bare Reactor Netty is the median of its ratios within a
 * round. <b>Cold:</b> the first 10,000 calls of a fresh JVM, one caller, one JVM per client
 * and round, clients alternating. Every answer is checked; errors and wrong answers are counted.
 */
public final class RestThroughput {

	private static final int IDS = 1000;

	private static final List<String> CLIENTS = List
		.of("netty-blocking", "webclient-blocking", "starter-blocking", "netty-reactive", "webclient-reactive",
				"starter-reactive")
		.stream()
		.filter((name) -> System.getProperty("bench.rest.clients", name).contains(name))
		.toList();

	private RestThroughput() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 3 && args[0].equals("cold")) {
			cold(args[1], args[2]);
			return;
		}
		int millis = Integer.getInteger("bench.rest.millis", 700);
		int rounds = Integer.getInteger("bench.rest.rounds", 10);
		int warmupBatch = Integer.getInteger("bench.rest.warmupCalls", 10_000);
		int maxWarmupBatches = Integer.getInteger("bench.rest.maxWarmupBatches", 10);
		int coldRounds = Integer.getInteger("bench.rest.coldRounds", 3);
		int coldCalls = Integer.getInteger("bench.rest.coldCalls", 10_000);
		String only = System.getProperty("bench.rest.only", "warm,cold");
		int[] concurrencies = Out.ints(System.getProperty("bench.rest.callers", "1,16,64"));
		long errors = 0;
		long wrong = 0;
		try (RestStub stub = RestStub.start()) {
			if (only.contains("warm")) {
				try (Clients clients = new Clients(stub.url())) {
					for (int concurrency : concurrencies) {
						warmUp(clients, concurrency, warmupBatch, maxWarmupBatches);
						Map<String, double[][]> figures = new LinkedHashMap<>();
						for (int round = 0; round < rounds; round++) {
							for (String name : CLIENTS) {
								Run run = clients.get(name).run(concurrency, Long.MAX_VALUE, Duration.ofMillis(millis));
								double[][] f = figures.computeIfAbsent(name, (k) -> new double[3][rounds]);
								f[0][round] = run.rate();
								f[1][round] = run.micros(50);
								f[2][round] = run.micros(99);
								errors += run.errors;
								wrong += run.wrong;
								Out.progress("rest %s x%d round %d: %.0f calls/s, p50 %.1f µs, p99 %.1f µs, errors %d, wrong %d",
										name, concurrency, round + 1, run.rate(), run.micros(50), run.micros(99), run.errors,
										run.wrong);
							}
						}
						figures.forEach((name, f) -> {
							String key = "rest." + name + "." + concurrency;
							Out.result(key + ".rate", fmt("%.0f", Out.median(f[0])));
							Out.result(key + ".p50", fmt("%.1f", Out.median(f[1])));
							Out.result(key + ".p99", fmt("%.1f", Out.median(f[2])));
							// against the transport in the same round: the load of a shared machine moves both
							double[][] netty = figures.get(name.replaceFirst("^[a-z]+-", "netty-"));
							if (netty != null) {
								Out.result(key + ".rateVsNetty", fmt("%.3f", Out.median(ratios(f[0], netty[0]))));
								Out.result(key + ".p50VsNetty", fmt("%.3f", Out.median(ratios(f[1], netty[1]))));
							}
						});
					}
				}
			}
			if (only.contains("cold")) {
				Map<String, double[]> p50s = new LinkedHashMap<>();
				for (int round = 0; round < coldRounds; round++) {
					for (String name : CLIENTS) {
						double[] p50 = coldJvm(stub.url(), name, coldCalls);
						p50s.computeIfAbsent(name, (k) -> new double[coldRounds])[round] = p50[0];
						errors += (long) p50[1];
						wrong += (long) p50[2];
						Out.progress("rest cold %s round %d: first %d calls p50 %.1f µs", name, round + 1, coldCalls, p50[0]);
					}
				}
				p50s.forEach((name, p50) -> {
					Out.result("rest.cold." + name + ".p50", fmt("%.1f", Out.median(p50)));
					// against the transport's fresh JVM of the same round, as for the warm figures
					double[] netty = p50s.get(name.replaceFirst("^[a-z]+-", "netty-"));
					if (netty != null) {
						Out.result("rest.cold." + name + ".p50VsNetty", fmt("%.3f", Out.median(ratios(p50, netty))));
					}
				});
				Out.result("rest.cold.calls", coldCalls);
			}
		}
		Out.result("rest.errors", errors);
		Out.result("rest.wrong", wrong);
	}

	/** Alternates batches of calls until every client's p50 is within 5% of its previous batch's. */
	private static void warmUp(Clients clients, int concurrency, int batch, int maxBatches) throws Exception {
		Map<String, Double> previous = new LinkedHashMap<>();
		for (int i = 1; i <= maxBatches; i++) {
			boolean settled = true;
			StringBuilder line = new StringBuilder();
			for (String name : CLIENTS) {
				double p50 = clients.get(name).run(concurrency, batch, Duration.ofSeconds(60)).micros(50);
				Double before = previous.put(name, p50);
				settled &= (before != null) && Math.abs(p50 - before) <= 0.05 * before;
				line.append(String.format(Locale.ROOT, " %s %.1f", name, p50));
			}
			Out.progress("rest warm-up x%d batch %d of %d calls, p50 µs:%s", concurrency, i, batch, line);
			if (settled) {
				Out.result("rest.warmupBatches." + concurrency, i);
				return;
			}
		}
		Out.result("rest.warmupBatches." + concurrency, maxBatches + "+");
	}

	private static double[] coldJvm(String url, String client, int calls) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				"-Dbench.rest.coldCalls=" + calls, RestThroughput.class.getName(), "cold", url, client));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		double[] result = { Double.NaN, 0, 0 };
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("COLD ")) {
					String[] parts = line.substring(5).split(" ");
					result = new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
							Double.parseDouble(parts[2]) };
				}
			}
		}
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("Cold run of " + client + " failed");
		}
		return result;
	}

	/** In a fresh JVM: the p50 of the first calls of one client, one caller. */
	private static void cold(String url, String client) throws Exception {
		int calls = Integer.getInteger("bench.rest.coldCalls", 10_000);
		try (Clients clients = new Clients(url)) {
			Run run = clients.get(client).run(1, calls, Duration.ofMinutes(3));
			System.out.printf(Locale.ROOT, "COLD %.1f %d %d%n", run.micros(50), run.errors, run.wrong);
		}
	}

	private static double[] ratios(double[] values, double[] references) {
		double[] ratios = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			ratios[i] = values[i] / references[i];
		}
		return ratios;
	}

	private static String fmt(String format, double value) {
		return String.format(Locale.ROOT, format, value);
	}

	/** The six clients, each on a connection pool of its own with the starter's default settings. */
	static final class Clients implements AutoCloseable {

		private final List<AriConnectionPool> pools = new ArrayList<>();

		private final Map<String, Client> clients = new LinkedHashMap<>();

		private final String[] ids = new String[IDS];

		Clients(String url) {
			for (int i = 0; i < IDS; i++) {
				this.ids[i] = "1795836659." + (1000 + i);
			}
			JsonMapper mapper = JsonMapper.builder().build();
			HttpClient netty = httpClient("bench-netty").baseUrl(url + "/ari")
				.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, Samples.basicAuth()));
			Function<String, Mono<Channel>> nettyCall = (id) -> netty.get()
				.uri("/channels/" + id)
				.responseSingle((response, body) -> {
					if (response.status().code() != 200) {
						return Mono.error(new IllegalStateException("HTTP " + response.status()));
					}
					return body.asByteArray().map((bytes) -> mapper.readValue(bytes, Channel.class));
				});
			WebClient bare = WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(httpClient("bench-webclient")))
				.baseUrl(url + "/ari")
				.defaultHeaders((headers) -> headers.setBasicAuth(Samples.USER, Samples.PASSWORD))
				.build();
			Function<String, Mono<Channel>> bareCall = (id) -> bare.get()
				.uri("/channels/{channelId}", id)
				.retrieve()
				.bodyToMono(Channel.class);
			AriConnectionPool starterPool = pool("bench-starter");
			// as the starter builds it: calls go straight to the connector, below WebClient
			AriClientFactory factory = AriClientFactory.builder(url)
				.connector(new ReactorClientHttpConnector(HttpClient.create(starterPool.connectionProvider())))
				.credentials(Samples.USER, Samples.PASSWORD)
				.connectionPool(starterPool)
				.build();
			AriClient ari = AriClient.create(factory);
			ReactiveAriClient reactiveAri = ReactiveAriClient.create(factory);
			this.clients.put("netty-blocking", new Client(true, (id) -> Mono.fromSupplier(() -> nettyCall.apply(id).block()), this.ids));
			this.clients.put("webclient-blocking", new Client(true, (id) -> Mono.fromSupplier(() -> bareCall.apply(id).block()), this.ids));
			this.clients.put("starter-blocking", new Client(true, (id) -> Mono.fromSupplier(() -> ari.channels().get(id)), this.ids));
			this.clients.put("netty-reactive", new Client(false, nettyCall, this.ids));
			this.clients.put("webclient-reactive", new Client(false, bareCall, this.ids));
			this.clients.put("starter-reactive", new Client(false, (id) -> reactiveAri.channels().get(id), this.ids));
		}

		private AriConnectionPool pool(String name) {
			AriConnectionPool pool = AriConnectionPool.builder(name).build();
			this.pools.add(pool);
			return pool;
		}

		private HttpClient httpClient(String name) {
			return HttpClient.create(pool(name).connectionProvider());
		}

		Client get(String name) {
			return this.clients.get(name);
		}

		@Override
		public void close() {
			this.pools.forEach(AriConnectionPool::close);
		}

	}

	record Run(long calls, long errors, long wrong, long nanos, Histogram histogram) {

		double rate() {
			return this.calls * 1e9 / this.nanos;
		}

		double micros(double percentile) {
			return this.histogram.getValueAtPercentile(percentile) / 1e3;
		}

	}

	/** One way of calling; blocking clients get a thread per caller, reactive ones that many calls in flight. */
	static final class Client {

		private final boolean blocking;

		private final Function<String, Mono<Channel>> call;

		private final String[] ids;

		Client(boolean blocking, Function<String, Mono<Channel>> call, String[] ids) {
			this.blocking = blocking;
			this.call = call;
			this.ids = ids;
		}

		/** Makes calls until {@code maxCalls} were made or the time is up, whichever is first. */
		Run run(int concurrency, long maxCalls, Duration duration) throws Exception {
			Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
			AtomicLong started = new AtomicLong();
			AtomicLong calls = new AtomicLong();
			AtomicLong errors = new AtomicLong();
			AtomicLong wrong = new AtomicLong();
			String[] ids = this.ids;
			long start = System.nanoTime();
			long deadline = start + duration.toNanos();
			if (this.blocking) {
				ExecutorService threads = Executors.newFixedThreadPool(concurrency);
				try {
					List<Future<?>> callers = new ArrayList<>();
					for (int caller = 0; caller < concurrency; caller++) {
						int first = caller;
						callers.add(threads.submit(() -> {
							for (int i = first; System.nanoTime() < deadline
									&& started.getAndIncrement() < maxCalls; i += concurrency) {
								String id = ids[i % ids.length];
								long begin = System.nanoTime();
								try {
									// the blocking clients block inside the supplier
									check(this.call.apply(id).block(), id, wrong);
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
			}
			else {
				Flux.range(0, concurrency).flatMap((caller) -> {
					int[] next = { caller };
					return Mono.defer(() -> {
						String id = ids[next[0] % ids.length];
						next[0] += concurrency;
						long begin = System.nanoTime();
						return this.call.apply(id).doOnNext((channel) -> check(channel, id, wrong)).onErrorResume((ex) -> {
							errors.incrementAndGet();
							return Mono.empty();
						}).doFinally((signal) -> {
							histogram.recordValue(System.nanoTime() - begin);
							calls.incrementAndGet();
						});
					}).repeat(() -> System.nanoTime() < deadline && started.incrementAndGet() < maxCalls);
				}, concurrency).blockLast(duration.plusSeconds(60));
			}
			return new Run(calls.get(), errors.get(), wrong.get(), System.nanoTime() - start, histogram);
		}

		private static void check(Channel channel, String id, AtomicLong wrong) {
			if (channel == null || !id.equals(channel.id()) || !"Up".equals(channel.state())
					|| channel.creationtime() == null) {
				wrong.incrementAndGet();
			}
		}

	}

}
