package io.github.arispring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.github.arispring.benchmarks.startup.StartupApp;

/**
 * Runs every benchmark, each scenario in a JVM of its own, and prints the summary table,
 * also written to {@code results.md} next to the benchmarks jar. Scenarios report through
 * {@code RESULT key=value} lines; their other output goes to {@code bench-logs/}.
 * <p>
 * {@code -Dbench.*} properties given to this JVM are passed on (see each scenario for its
 * own); {@code BENCH_JVM_OPTS} replaces the scenarios' JVM options (default {@code -Xmx1g}).
 */
public final class RunAll {

	private static final long SCENARIO_LIMIT_MINUTES = 15;

	private final Path target;

	private final Path logs;

	private final List<String> jvmOptions;

	private final Map<String, String> results = new LinkedHashMap<>();

	private RunAll(Path target) throws IOException {
		this.target = target;
		this.logs = Files.createDirectories(target.resolve("bench-logs"));
		String options = System.getenv("BENCH_JVM_OPTS");
		this.jvmOptions = new ArrayList<>(
				(options != null && !options.isBlank()) ? Arrays.asList(options.trim().split("\\s+")) : List.of("-Xmx1g"));
		System.getProperties().stringPropertyNames().stream()
			.filter((name) -> name.startsWith("bench."))
			.forEach((name) -> this.jvmOptions.add("-D" + name + "=" + System.getProperty(name)));
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(RunAll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		RunAll run = new RunAll(jar.getParent());
		long start = System.nanoTime();
		run.machine();
		run.scenario(EventsThroughput.class);
		run.scenario(DispatchLatency.class);
		run.scenario(RestThroughput.class);
		run.scenario(RestTransports.class);
		run.scenario(MemoryFootprint.class);
		run.scenario(OutboundConnections.class);
		run.startup(Integer.getInteger("bench.startup.runs", 5));
		run.jmh();
		String table = run.table(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
		System.out.println();
		System.out.println(table);
		Path file = run.target.resolve("results.md");
		Files.writeString(file, table, StandardCharsets.UTF_8);
		System.out.println("Written to " + file);
	}

	private void machine() throws IOException {
		this.results.put("machine.nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown");
		this.results.put("machine.cpu", cpu);
		this.results.put("machine.java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
				+ " (" + System.getProperty("java.vm.vendor") + ")");
		this.results.put("machine.jvmOptions", String.join(" ", this.jvmOptions));
	}

	private void scenario(Class<?> main) throws Exception {
		System.out.println("== " + main.getSimpleName());
		List<String> command = javaCommand();
		command.add(main.getName());
		this.results.putAll(fork(command, main.getSimpleName(), null));
	}

	private void startup(int runs) throws Exception {
		System.out.println("== Startup (" + runs + " runs after one discarded)");
		double[] uptime = new double[runs];
		double[] spring = new double[runs];
		double[] wall = new double[runs];
		try (EventsServer server = EventsServer.start()) {
			for (int run = -1; run < runs; run++) {
				List<String> command = javaCommand();
				command.addAll(List.of(StartupApp.class.getName(), "--ari.url=" + server.url(),
						"--ari.username=" + Samples.USER, "--ari.password=" + Samples.PASSWORD,
						"--ari.applications=startup", "--spring.main.web-application-type=none"));
				long[] readyAt = new long[1];
				long begin = System.nanoTime();
				Map<String, String> values = fork(command, "StartupApp", (line) -> {
					if (line.startsWith("RESULT startup.springMs")) {
						readyAt[0] = System.nanoTime();
					}
				});
				if (run >= 0) {
					uptime[run] = Double.parseDouble(values.get("startup.uptimeMs"));
					spring[run] = Double.parseDouble(values.get("startup.springMs"));
					wall[run] = (readyAt[0] - begin) / 1e6;
					System.out.printf(Locale.ROOT, "startup run %d: JVM uptime %.0f ms, Spring %.0f ms, wall clock %.0f ms%n",
							run + 1, uptime[run], spring[run], wall[run]);
				}
			}
		}
		this.results.put("startup.uptimeMs", String.format(Locale.ROOT, "%.0f", Out.median(uptime)));
		this.results.put("startup.springMs", String.format(Locale.ROOT, "%.0f", Out.median(spring)));
		this.results.put("startup.wallMs", String.format(Locale.ROOT, "%.0f", Out.median(wall)));
		sampleAppStartup(runs);
	}

	/**
	 * Start-up of the sample IVR itself (its executable jar, on the embedded simulator, demo
	 * caller off): the time Spring Boot logs in "Started SampleApplication in ...".
	 */
	private void sampleAppStartup(int runs) throws Exception {
		Path jar = Path.of("sample-app", "target", "sample-app-0.1.0-SNAPSHOT.jar");
		if (!Files.isRegularFile(jar)) {
			System.out.println("(no " + jar + ": build it with -pl benchmarks,sample-app to measure the sample app)");
			return;
		}
		Pattern started = Pattern
			.compile("Started SampleApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
		double[] spring = new double[runs];
		double[] uptime = new double[runs];
		String java = ProcessHandle.current().info().command().orElse("java");
		for (int run = -1; run < runs; run++) {
			Process process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "--sample.demo.enabled=false",
					"--server.port=0")
				.redirectErrorStream(true)
				.start();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
					PrintWriter log = new PrintWriter(Files.newBufferedWriter(this.logs.resolve("SampleApp.log")))) {
				String line;
				while ((line = out.readLine()) != null) {
					log.println(line);
					Matcher matcher = started.matcher(line);
					if (matcher.find()) {
						if (run >= 0) {
							spring[run] = Double.parseDouble(matcher.group(1)) * 1000;
							uptime[run] = Double.parseDouble(matcher.group(2)) * 1000;
							System.out.printf(Locale.ROOT, "sample-app start-up run %d: %.0f ms (process %.0f ms)%n",
									run + 1, spring[run], uptime[run]);
						}
						break;
					}
				}
			}
			finally {
				process.destroy();
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
		}
		this.results.put("startup.sampleSpringMs", String.format(Locale.ROOT, "%.0f", Out.median(spring)));
		this.results.put("startup.sampleUptimeMs", String.format(Locale.ROOT, "%.0f", Out.median(uptime)));
	}

	private void jmh() throws Exception {
		System.out.println("== JMH (output in bench-logs/jmh.log)");
		int iterations = Integer.getInteger("bench.jmh.iterations", 5);
		Collection<RunResult> runs = new Runner(new OptionsBuilder().include(FrameDecodeBenchmark.class.getName())
			.include(DispatchBenchmark.class.getName())
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(iterations)
			.measurementTime(TimeValue.seconds(1))
			.forks(1)
			.jvmArgs(this.jvmOptions.toArray(String[]::new))
			.output(this.logs.resolve("jmh.log").toString())
			.build()).run();
		for (RunResult run : runs) {
			String name = run.getParams().getBenchmark();
			name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
			double score = run.getPrimaryResult().getScore();
			double error = run.getPrimaryResult().getScoreError();
			this.results.put("jmh." + name, String.format(Locale.ROOT, "%.0f", score));
			this.results.put("jmh." + name + ".error", String.format(Locale.ROOT, "%.0f", error));
			System.out.printf(Locale.ROOT, "%s: %.0f ± %.0f ops/s%n", name, score, error);
		}
	}

	private List<String> javaCommand() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		return command;
	}

	private Map<String, String> fork(List<String> command, String name, java.util.function.Consumer<String> onLine)
			throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Map<String, String> values = new LinkedHashMap<>();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter log = new PrintWriter(Files.newBufferedWriter(this.logs.resolve(name + ".log")))) {
			String line;
			while ((line = out.readLine()) != null) {
				log.println(line);
				if (onLine != null) {
					onLine.accept(line);
				}
				if (line.startsWith("RESULT ")) {
					int equals = line.indexOf('=');
					values.put(line.substring(7, equals), line.substring(equals + 1));
				}
				else if (line.startsWith("PROGRESS ")) {
					System.out.println(line.substring(9));
				}
			}
		}
		if (!process.waitFor(SCENARIO_LIMIT_MINUTES, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException(name + " did not finish");
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "); see "
					+ this.logs.resolve(name + ".log"));
		}
		return values;
	}

	private String get(String key) {
		String value = this.results.get(key);
		return (value != null) ? value : "?";
	}

	private long num(String key) {
		String value = get(key);
		return value.equals("?") ? -1 : Math.round(Double.parseDouble(value));
	}

	private double number(String key) {
		String value = get(key);
		return value.equals("?") ? Double.NaN : Double.parseDouble(value);
	}

	private static String n(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	private String table(long seconds) {
		StringBuilder md = new StringBuilder();
		double ratio = Double.parseDouble(get("events.ratio"));
		double p99 = Double.parseDouble(get("latency.p99"));
		md.append("| Measure | Result | Reference | Target |\n|---|---|---|---|\n");
		md.append(String.format(Locale.ROOT,
				"| Events/s, WebSocket frames → `@StasisEventHandler` (typed, per-channel order checked) | %s/s | ceiling %s/s (bare Reactor Netty client decoding only `type`): **%.1f%%** | ≥ 80%% of ceiling: %s |\n",
				n(num("events.starter")), n(num("events.ceiling")), 100 * ratio, (ratio >= 0.8) ? "met" : "**missed**"));
		double cpu = Double.parseDouble(get("events.starterCpuMicros").replace("?", "NaN"));
		md.append(String.format(Locale.ROOT,
				"| Process CPU per event, frame → handler (whole JVM, stub server included; median of the rounds) | %s µs | ceiling client in the same rounds: %s µs | ≤ 5 µs: %s |\n",
				get("events.starterCpuMicros"), get("events.ceilingCpuMicros"), (cpu <= 5) ? "met" : "**missed**"));
		long bad = num("events.violations") + num("latency.violations");
		long lost = num("events.lost") + num("latency.lost");
		md.append(String.format(Locale.ROOT,
				"| Order violations / events lost (of %s checked) | %d / %d (dropped by the queue: %d, untyped: %d) | | 0 / 0: %s |\n",
				n(num("events.checked") + num("latency.events")), bad, lost,
				num("events.dropped") + num("latency.dropped"), num("events.untyped") + num("latency.untyped"),
				(bad == 0 && lost == 0) ? "met" : "**missed**"));
		md.append(String.format(Locale.ROOT,
				"| Dispatch latency at %s events/s, frame sent → handler entry: p50 / p99 / p99.9 (max), median of %s rounds of %s s | %s / %s / %s ms (%s ms); worst round's p99 %s ms | platform hiccups in the same JVM (a thread sleeping 1 ms at a time): p99 %s / p99.9 %s ms (max %s ms) | p99 < 2 ms: %s |\n",
				n(num("latency.rate")), get("latency.rounds"), get("latency.seconds"), get("latency.p50"), get("latency.p99"), get("latency.p999"),
				get("latency.max"), get("latency.worstP99"), get("latency.hiccupP99"), get("latency.hiccupP999"),
				get("latency.hiccupMax"), (p99 < 2.0) ? "met" : "**missed**"));
		for (String mode : List.of("blocking", "reactive")) {
			String client = mode.equals("blocking") ? "AriClient" : "ReactiveAriClient";
			for (int callers : new int[] { 1, 16, 64 }) {
				String starter = "rest.starter-" + mode + "." + callers;
				String netty = "rest.netty-" + mode + "." + callers;
				String webClient = "rest.webclient-" + mode + "." + callers;
				// medians of the ratios within each round: the load of a shared machine moves both
				double rate = number(starter + ".rateVsNetty");
				double p50 = number(starter + ".p50VsNetty");
				String target = (callers == 1) ? String.format(Locale.ROOT, "p50 ≤ 1.2x: %.2fx, %s", p50, (p50 <= 1.2) ? "met" : "**missed**")
						: String.format(Locale.ROOT, "calls/s ≥ 0.8x: %.2fx, %s", rate, (rate >= 0.8) ? "met" : "**missed**");
				md.append(String.format(Locale.ROOT,
						"| REST `%s`, %d %s, warm (`channels().get(id)`) | %s/s, p50 %s / p99 %s µs | bare Reactor Netty `HttpClient`: %s/s, p50 %s / p99 %s µs; bare `WebClient`: %s/s, p50 %s / p99 %s µs | %s |\n",
						client, callers, mode.equals("blocking") ? "blocking callers" : "calls in flight", n(num(starter + ".rate")),
						get(starter + ".p50"), get(starter + ".p99"), n(num(netty + ".rate")), get(netty + ".p50"),
						get(netty + ".p99"), n(num(webClient + ".rate")), get(webClient + ".p50"), get(webClient + ".p99"),
						target));
			}
			double cold = number("rest.cold.starter-" + mode + ".p50VsNetty");
			md.append(String.format(Locale.ROOT,
					"| REST `%s`, cold: p50 of the first %s calls of a fresh JVM, one caller | %s µs | bare Reactor Netty `HttpClient`: %s µs; bare `WebClient`: %s µs | ≤ 2x: %.2fx, %s |\n",
					client, n(num("rest.cold.calls")), get("rest.cold.starter-" + mode + ".p50"),
					get("rest.cold.netty-" + mode + ".p50"), get("rest.cold.webclient-" + mode + ".p50"), cold,
					(cold <= 2) ? "met" : "**missed**"));
		}
		md.append(String.format(Locale.ROOT, "| REST errors / wrong answers | %d / %d | | 0 / 0: %s |\n", num("rest.errors"),
				num("rest.wrong"), (num("rest.errors") + num("rest.wrong") == 0) ? "met" : "**missed**"));
		md.append(String.format(Locale.ROOT,
				"| REST over the events WebSocket, `AriClient`, 1 / 16 / 64 callers (`RestTransports`) | %s / %s / %s calls/s (p99 %s / %s / %s ms) | HTTP, same run: %s / %s / %s calls/s (p99 %s / %s / %s ms) | |\n",
				get("transport.websocket.1.rate"), get("transport.websocket.16.rate"), get("transport.websocket.64.rate"),
				get("transport.websocket.1.p99"), get("transport.websocket.16.p99"), get("transport.websocket.64.p99"),
				get("transport.http.1.rate"), get("transport.http.16.rate"), get("transport.http.64.rate"),
				get("transport.http.1.p99"), get("transport.http.16.p99"), get("transport.http.64.p99")));
		md.append(String.format(Locale.ROOT,
				"| Burst of %s calls at once, server session limit 100: drain ms / failed calls / peak TCP connections | WebSocket: %s / %s / %s | HTTP bounded pool: %s / %s / %s; HTTP unbounded: %s / %s / %s | 0 failed with the pool and the WebSocket: %s |\n",
				get("burst.websocket.calls"), get("burst.websocket.drainMs"), get("burst.websocket.failedCalls"),
				get("burst.websocket.peakConnections"), get("burst.http-bounded.drainMs"),
				get("burst.http-bounded.failedCalls"), get("burst.http-bounded.peakConnections"),
				get("burst.http-unbounded.drainMs"), get("burst.http-unbounded.failedCalls"),
				get("burst.http-unbounded.peakConnections"),
				(num("burst.websocket.failedCalls") == 0 && num("burst.http-bounded.failedCalls") == 0) ? "met"
						: "**missed**"));
		md.append(String.format(Locale.ROOT,
				"| Outbound WebSockets: per-call connections opened, handled and closed (`OutboundConnections`) | %s calls, %s/s, %s failed, %s left open | heap after GC in MB, by calls made (calls: MB): %s; %s KB per open connection | |\n",
				get("outbound.calls"), get("outbound.rate"), get("outbound.failures"), get("outbound.leftOpen"),
				get("outbound.heaps"), get("outbound.heapPerConnectionKb")));
		md.append(String.format(Locale.ROOT,
				"| Heap after GC / RSS with %s calls in progress | %s MB / %s MB (%s KB heap per call; %s events held in lanes) | idle application: %s MB / %s MB; after the calls ended: %s MB / %s MB | |\n",
				n(num("memory.calls")), get("memory.busyHeapMb"), get("memory.busyRssMb"), get("memory.heapPerCallKb"),
				get("memory.pending"), get("memory.idleHeapMb"), get("memory.idleRssMb"), get("memory.afterHeapMb"),
				get("memory.afterRssMb")));
		md.append(String.format(Locale.ROOT,
				"| Start-up to `ApplicationReadyEvent`, minimal app (auto-configuration + one `@StasisEventHandler` bean; not sample-app) | %s ms JVM uptime (Spring: %s ms) | %s ms wall clock from process launch | |\n",
				get("startup.uptimeMs"), get("startup.springMs"), get("startup.wallMs")));
		md.append(String.format(Locale.ROOT,
				"| Start-up of sample-app (executable jar, embedded simulator, Actuator and WebFlux; demo caller off) | %s ms (\"Started SampleApplication in\") | %s ms process uptime | |\n",
				get("startup.sampleSpringMs"), get("startup.sampleUptimeMs")));
		md.append(String.format(Locale.ROOT,
				"| JMH: frames decoded per second on one thread, typed `AriEvent` vs `type` only | %s/s (± %s) | %s/s (± %s) | |\n",
				n(num("jmh.FrameDecodeBenchmark.typedEvent")), n(num("jmh.FrameDecodeBenchmark.typedEvent.error")),
				n(num("jmh.FrameDecodeBenchmark.typeOnly")), n(num("jmh.FrameDecodeBenchmark.typeOnly.error"))));
		md.append(String.format(Locale.ROOT,
				"| JMH: decoded events dispatched per second (ordered lanes + default executor, no socket) | %s/s (± %s) | | |\n",
				n(num("jmh.DispatchBenchmark.dispatch")), n(num("jmh.DispatchBenchmark.dispatch.error"))));
		md.append("\n");
		md.append(String.format(Locale.ROOT,
				"Workload: the %d recorded flows, %s copies each with its own channel, bridge and playback ids (%s channels, %s bridges), interleaved frame by frame: %s frames per pass (mean %s bytes), %s frames per throughput run; medians of %s.\n",
				Samples.FLOWS.size(), get("events.copies").equals("?") ? n(num("events.channels") / 46) : get("events.copies"),
				n(num("events.channels")), n(num("events.bridges")), n(num("events.frames")), get("events.meanFrameBytes"),
				n(num("events.perRun")), "the measured rounds of each scenario"));
		md.append(String.format(Locale.ROOT, "Machine: %s CPUs (`nproc`), %s; %s; scenario JVM options `%s`; whole run %d s.\n",
				get("machine.nproc"), get("machine.cpu"), get("machine.java"), get("machine.jvmOptions"), seconds));
		return md.toString();
	}

}
