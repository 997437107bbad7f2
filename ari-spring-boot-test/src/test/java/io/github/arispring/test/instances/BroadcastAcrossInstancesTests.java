package io.github.arispring.test.instances;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.autoconfigure.AriProperties;
import io.github.arispring.broadcast.AriBroadcastClaimer;
import io.github.arispring.broadcast.AriBroadcastClaimer.Outcome;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of one application, each with its own application name from
 * {@code ari.instance-id}, take part in {@code StasisBroadcast(…,^ivr-,…)} on one simulated
 * Asterisk: every call is claimed once and handled by one instance, no instance goes beyond its
 * {@code ari.broadcast.max-calls}, and the races the others lose are counted, not logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class BroadcastAcrossInstancesTests {

	private static final int CALLS = 300;

	/** Calls the test keeps going at once: below the 2 + 5 + 5 calls the instances take. */
	private static final int IN_FLIGHT = 8;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final AriSimulator simulator = AriSimulator.create().start();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.simulator.close();
	}

	@Test
	void everyBroadcastCallShouldBeClaimedOnceAndHandledByOneInstanceWithinItsLimit(CapturedOutput output) {
		List<Integer> maxCalls = List.of(2, 5, 5);
		maxCalls.forEach((max) -> this.instances.add(start(max)));
		List<String> applications = this.instances.stream()
			.map((context) -> context.getBean(AriProperties.class).getApplications().get(0))
			.toList();
		assertThat(applications).allMatch((name) -> name.startsWith("ivr-")).doesNotHaveDuplicates();
		applications.forEach((name) -> this.simulator.awaitApplication(name, TIMEOUT));

		List<Call> calls = new ArrayList<>();
		Deque<Call> inFlight = new ArrayDeque<>();
		for (int i = 0; i < CALLS; i++) {
			while (inFlight.size() >= IN_FLIGHT) {
				inFlight.poll().awaitHangup(TIMEOUT);
			}
			Call call = this.simulator.incomingCall("+1555000" + i).broadcast("^ivr-", Duration.ofSeconds(5), false);
			calls.add(call);
			inFlight.add(call);
		}
		inFlight.forEach((call) -> call.awaitHangup(TIMEOUT));

		// Each call claimed once, by one of the instances, and handled by that one only.
		assertThat(calls).allSatisfy((call) -> assertThat(call.claimedBy()).isIn(applications));
		Map<String, Long> wonClaims = this.simulator.requests("events.claimChannel")
			.stream()
			.filter((request) -> request.status() == 204)
			.collect(Collectors.groupingBy((request) -> request.queryParam("channelId"), Collectors.counting()));
		assertThat(wonClaims).hasSize(CALLS).allSatisfy((channelId, count) -> assertThat(count).isOne());
		List<String> started = new ArrayList<>();
		for (int i = 0; i < this.instances.size(); i++) {
			Handlers handlers = handlers(i);
			started.addAll(handlers.started);
			Set<String> claimedHere = calls.stream()
				.filter((call) -> applications.get(handlers.index).equals(call.claimedBy()))
				.map(Call::id)
				.collect(Collectors.toSet());
			assertThat(new HashSet<>(handlers.started)).isEqualTo(claimedHere);
		}
		assertThat(started).hasSize(CALLS).doesNotHaveDuplicates();

		// No instance went beyond its limit; every offer reached every instance and ended one way.
		long lost = 0;
		for (int i = 0; i < this.instances.size(); i++) {
			Handlers handlers = handlers(i);
			AriBroadcastClaimer claimer = claimer(i);
			assertThat(handlers.maxCallsSeen.get()).as("calls in progress in instance %d", i)
				.isPositive()
				.isLessThanOrEqualTo(maxCalls.get(i));
			assertThat(claimer.getClaimCount(Outcome.WON)).isEqualTo(handlers.started.size());
			assertThat(claimer.getClaimCount(Outcome.FAILED)).isZero();
			assertThat(claimer.getClaimCount(Outcome.WON) + claimer.getClaimCount(Outcome.LOST)
					+ claimer.getClaimCount(Outcome.DECLINED)).isEqualTo(CALLS);
			lost += claimer.getClaimCount(Outcome.LOST);
		}
		assertThat(lost).as("races lost").isPositive();
		assertThat(claimer(0).getClaimCount(Outcome.DECLINED)).as("offers the instance with 2 calls declined")
			.isPositive();
		for (int i = 0; i < this.instances.size(); i++) {
			AriBroadcastClaimer claimer = claimer(i);
			await().atMost(TIMEOUT).until(() -> claimer.getCallsInProgress() == 0);
		}
		assertThat(output).doesNotContain(" ERROR ", " WARN ");
	}

	private ConfigurableApplicationContext start(int maxCalls) {
		int index = this.instances.size();
		return new SpringApplicationBuilder(Instance.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "ari.url=" + this.simulator.baseUri(),
					"ari.username=" + this.simulator.username(), "ari.password=" + this.simulator.password(),
					"ari.applications=ivr-${ari.instance-id}", "ari.broadcast.max-calls=" + maxCalls,
					"instance.index=" + index)
			.run();
	}

	private Handlers handlers(int index) {
		return this.instances.get(index).getBean(Handlers.class);
	}

	private AriBroadcastClaimer claimer(int index) {
		return this.instances.get(index).getBean(AriBroadcastClaimer.class);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, AriAutoConfiguration.class })
	static class Instance {

		@Bean
		Handlers handlers(Environment environment) {
			return new Handlers(environment.getRequiredProperty("instance.index", Integer.class));
		}

	}

	/** An IVR in brief: each call is answered, held a moment and hung up. */
	static class Handlers {

		final int index;

		final List<String> started = new CopyOnWriteArrayList<>();

		final Set<String> active = ConcurrentHashMap.newKeySet();

		final AtomicInteger maxCallsSeen = new AtomicInteger();

		Handlers(int index) {
			this.index = index;
		}

		@StasisEventHandler
		CompletionStage<?> onStart(StasisStart start, ReactiveAriClient ari) {
			String id = start.channel().id();
			this.started.add(id);
			this.active.add(id);
			this.maxCallsSeen.accumulateAndGet(this.active.size(), Math::max);
			return ari.channels()
				.answer(id)
				.then(Mono.delay(Duration.ofMillis(10)))
				.then(ari.channels().hangup(id))
				.toFuture();
		}

		@StasisEventHandler
		void onEnd(StasisEnd end) {
			this.active.remove(end.channel().id());
		}

	}

}
