package io.github.arispring.benchmarks;

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

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.model.Channel;

/**
 * REST calls per second and their p99 with 1, 16 and 64 concurrent callers: the starter's
 * {@code AriClient} (blocking, one platform thread per caller) and {@code ReactiveAriClient}
 * (reactive, that many calls in flight), each next to a bare {@code WebClient} making the
 * same call ({@code GET /ari/channels/{channelId}} decoded into the same {@code Channel}),
 * against a local stub. Every answer is checked; errors and wrong answers are counted.
 */
public final class RestThroughput {

	private static final int IDS = 1000;

	private static final long MAX_CALLS_PER_RUN = 5_000_000;

	private RestThroughput() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = Integer.getInteger("bench.rest.seconds", 3);
		int warmupSeconds = Integer.getInteger("bench.rest.warmup", 2);
		int rounds = Integer.getInteger("bench.rest.rounds", 5);
		int[] concurrencies = { 1, 16, 64 };
		String[] ids = new String[IDS];
		for (int i = 0; i < IDS; i++) {
			ids[i] = "1795836659." + (1000 + i);
		}
		try (RestStub stub = RestStub.start()) {
			AriClientFactory factory = AriClientFactory.create(WebClient.builder(), stub.url(), Samples.USER,
					Samples.PASSWORD);
			AriClient ari = AriClient.create(factory);
			ReactiveAriClient reactiveAri = ReactiveAriClient.create(factory);
			WebClient bare = WebClient.builder()
				.baseUrl(stub.url() + "/ari")
				.defaultHeaders((headers) -> headers.setBasicAuth(Samples.USER, Samples.PASSWORD))
				.build();
			Map<String, Client> clients = new LinkedHashMap<>();
			clients.put("bare-blocking", new Client(true, (id) -> Mono.fromSupplier(() -> bare.get()
				.uri("/channels/{channelId}", id).retrieve().bodyToMono(Channel.class).block())));
			clients.put("starter-blocking", new Client(true, (id) -> Mono.fromSupplier(() -> ari.channels().get(id))));
			clients.put("bare-reactive", new Client(false,
					(id) -> bare.get().uri("/channels/{channelId}", id).retrieve().bodyToMono(Channel.class)));
			clients.put("starter-reactive", new Client(false, (id) -> reactiveAri.channels().get(id)));
			long errors = 0;
			long wrong = 0;
			for (int concurrency : concurrencies) {
				for (Map.Entry<String, Client> client : clients.entrySet()) {
					client.getValue().run(ids, concurrency, Duration.ofSeconds(warmupSeconds));
				}
				Map<String, double[]> rates = new LinkedHashMap<>();
				Map<String, double[]> p99s = new LinkedHashMap<>();
				for (int round = 0; round < rounds; round++) {
					for (Map.Entry<String, Client> client : clients.entrySet()) {
						Run run = client.getValue().run(ids, concurrency, Duration.ofSeconds(seconds));
						rates.computeIfAbsent(client.getKey(), (k) -> new double[rounds])[round] = run.rate();
						p99s.computeIfAbsent(client.getKey(), (k) -> new double[rounds])[round] = run.p99Millis();
						errors += run.errors;
						wrong += run.wrong;
						Out.progress("rest %s x%d round %d: %.0f calls/s, p99 %.3f ms, errors %d, wrong %d", client.getKey(),
								concurrency, round + 1, run.rate(), run.p99Millis(), run.errors, run.wrong);
					}
				}
				for (String name : clients.keySet()) {
					Out.result("rest." + name + "." + concurrency + ".rate",
							String.format(Locale.ROOT, "%.0f", Out.median(rates.get(name))));
					Out.result("rest." + name + "." + concurrency + ".p99",
							String.format(Locale.ROOT, "%.3f", Out.median(p99s.get(name))));
				}
			}
			Out.result("rest.errors", errors);
			Out.result("rest.wrong", wrong);
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

	/** One way of calling; blocking clients get a thread per caller, reactive ones that many calls in flight. */
	static final class Client {

		private final boolean blocking;

		private final Function<String, Mono<Channel>> call;

		Client(boolean blocking, Function<String, Mono<Channel>> call) {
			this.blocking = blocking;
			this.call = call;
		}

		Run run(String[] ids, int concurrency, Duration duration) throws Exception {
			Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
			AtomicLong calls = new AtomicLong();
			AtomicLong errors = new AtomicLong();
			AtomicLong wrong = new AtomicLong();
			long start = System.nanoTime();
			long deadline = start + duration.toNanos();
			if (this.blocking) {
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
					}).repeat(() -> System.nanoTime() < deadline && calls.get() < MAX_CALLS_PER_RUN);
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
