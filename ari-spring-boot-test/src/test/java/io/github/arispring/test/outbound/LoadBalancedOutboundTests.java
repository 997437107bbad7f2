package io.github.arispring.test.outbound;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.arispring.outbound.AriOutboundConnections;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scale-out with a real load balancer: three instances of an application behind nginx share
 * per-call outbound WebSockets with no coordination, and when one instance stops gracefully
 * the calls it had finish on it while new ones go to the other two (it answers new upgrades
 * with {@code 503}, which nginx retries on the next instance). Skipped where nginx is not
 * installed ({@code apt-get install nginx-light} on Debian; {@code .ci/run} installs it).
 */
class LoadBalancedOutboundTests {

	private static final int CALLS = 300;

	private static final int STOP_AFTER = 100;

	private static final int CALLERS = 3;

	private static final Duration CALL_LENGTH = Duration.ofMillis(50);

	private static final Duration HELD_DURING_STOP = Duration.ofMillis(500);

	@Test
	void callsShouldSpreadOverInstancesAndMoveOffAnInstanceThatStops() throws Exception {
		Path binary = Nginx.binary();
		assumeTrue(binary != null, "nginx is not installed (" + Nginx.DEBIAN_BINARY
				+ " missing and none on the PATH; on Debian: apt-get install nginx-light): skipping the load-balancer test");
		List<OutboundTestApplication> apps = new ArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		try (AriSimulator simulator = AriSimulator.create().start()) {
			for (int i = 1; i <= 3; i++) {
				apps.add(OutboundTestApplication.start("instance-" + i));
			}
			// Held before any stops: a closed context no longer gives its beans.
			List<OutboundTestApplication.Calls> handled = apps.stream().map(OutboundTestApplication::calls).toList();
			try (Nginx nginx = Nginx.start(binary, "/ari/outbound",
					apps.stream().map(OutboundTestApplication::port).toList())) {
				simulator.perCallApplication("per-call-app",
						URI.create("ws://127.0.0.1:" + nginx.port() + "/ari/outbound"), null, null,
						Duration.ofMillis(20));
				Map<String, Call> calls = new ConcurrentHashMap<>();
				Set<String> placedAfterStop = ConcurrentHashMap.newKeySet();
				Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
				AtomicInteger next = new AtomicInteger();
				AtomicBoolean stopBegan = new AtomicBoolean();
				for (int c = 0; c < CALLERS; c++) {
					callers.execute(() -> {
						for (int i = next.getAndIncrement(); i < CALLS; i = next.getAndIncrement()) {
							try {
								boolean afterStop = stopBegan.get();
								Call call = place(simulator, i, handled);
								calls.put(call.id(), call);
								if (afterStop) {
									placedAfterStop.add(call.id());
								}
								Thread.sleep(CALL_LENGTH.toMillis());
								call.hangUp();
							}
							catch (Throwable ex) {
								failures.add(ex);
							}
						}
					});
				}
				await().atMost(Duration.ofSeconds(60)).until(() -> next.get() >= STOP_AFTER);

				// A call in progress on the instance that stops, held while it stops.
				int stoppingIndex = 1;
				OutboundTestApplication stopping = apps.get(stoppingIndex);
				Call held = null;
				while (held == null) {
					Call call = place(simulator, next.getAndIncrement(), handled);
					calls.put(call.id(), call);
					if (handled.get(stoppingIndex).started.containsKey(call.id())) {
						held = call;
					}
					else {
						call.hangUp();
					}
				}
				AriOutboundConnections stoppingConnections = stopping.connections();
				CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::close);
				await().atMost(Duration.ofSeconds(5)).until(() -> !stoppingConnections.isAccepting());
				stopBegan.set(true);
				Thread.sleep(HELD_DURING_STOP.toMillis());
				assertThat(stopped).as("waits for the call in progress").isNotDone();
				held.hangUp();
				stopped.get(30, TimeUnit.SECONDS);
				callers.shutdown();
				assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
				assertThat(failures).as(() -> "nginx: " + nginx.logs() + problems(nginx)).isEmpty();

				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					for (String id : calls.keySet()) {
						assertThat(handled.stream().filter((instance) -> instance.ended.contains(id)))
							.as("StasisEnd of %s handled once", id)
							.hasSize(1);
					}
				});
				assertThat(calls).hasSizeGreaterThanOrEqualTo(CALLS);
				for (String id : calls.keySet()) {
					assertThat(handled.stream().filter((instance) -> instance.started.containsKey(id)))
						.as("StasisStart of %s handled once", id)
						.hasSize(1);
				}
				handled.forEach((instance) -> assertThat(instance.duplicates).isEmpty());
				assertThat(handled).as("calls spread over the three instances")
					.allSatisfy((instance) -> assertThat(instance.started).hasSizeGreaterThan(STOP_AFTER / 6));
				assertThat(handled.get(stoppingIndex).ended).contains(held.id());
				assertThat(placedAfterStop).hasSizeGreaterThan(CALLS / 3);
				assertThat(handled.get(stoppingIndex).started.keySet()).as("calls placed after the stop began")
					.doesNotContainAnyElementsOf(placedAfterStop);
				assertThat(stoppingConnections.getActiveCount()).isZero();
				assertThat(nginx.accessLog()).as("an upgrade refused with 503 and retried on another instance")
					.anyMatch((line) -> line.contains("statuses=503, 101"));
				for (int i = 0; i < apps.size(); i++) {
					if (i != stoppingIndex) {
						OutboundTestApplication app = apps.get(i);
						int started = handled.get(i).started.size();
						await().atMost(Duration.ofSeconds(10))
							.untilAsserted(() -> assertThat(app.connections().getActiveCount()).isZero());
						assertThat(app.meter("ari.outbound.connections.opened")).isEqualTo(started);
						assertThat(app.meter("ari.outbound.connections.closed", "reason", "normal"))
							.isEqualTo(started);
						assertThat(app.meter("ari.outbound.connections.active")).isZero();
					}
				}
			}
		}
		finally {
			callers.shutdownNow();
			apps.forEach(OutboundTestApplication::close);
		}
	}

	private static String problems(Nginx nginx) {
		try {
			return nginx.accessLog().stream().filter((line) -> !line.endsWith("statuses=101")).toList().toString();
		}
		catch (java.io.IOException ex) {
			return ex.toString();
		}
	}

	/** Places a call and waits until one of the instances has its StasisStart. */
	private static Call place(AriSimulator simulator, int index,
			List<OutboundTestApplication.Calls> handled) {
		Call call = simulator.incomingCall("+1555" + index).into("per-call-app");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> handled.stream().anyMatch((calls) -> calls.started.containsKey(call.id())));
		return call;
	}

}
