package io.github.arispring.test.instances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.client.ReactiveAsteriskApi;
import io.github.arispring.event.StasisStart;
import io.github.arispring.health.AriHealthIndicator;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriConnectionState;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;
import io.github.arispring.test.simulator.SentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Standby after {@code ApplicationReplaced} and takeover once the other client has gone, on the
 * simulator, which, like Asterisk, unregisters an application when the socket that took it over
 * closes although the first socket is still open.
 */
@ExtendWith(OutputCaptureExtension.class)
class TakeoverTests {

	private static final Duration CHECK_INTERVAL = Duration.ofMillis(300);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final AriSimulator simulator = AriSimulator.create().start();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.simulator.close();
	}

	@Test
	void applicationTakenOverShouldStandByAndBeRegisteredAgainOnceTheOtherClientLeaves(CapturedOutput output) {
		ConfigurableApplicationContext instance = start();
		this.simulator.awaitApplication("ivr", TIMEOUT);
		AriApplicationTakeover takeover = instance.getBean(AriApplicationTakeover.class);
		assertThat(health(instance).getDetails()).doesNotContainKey("standby");

		try (RawEventSocket other = new RawEventSocket(this.simulator, "ivr")) {
			await().atMost(TIMEOUT).until(() -> takeover.getStandbyApplications().containsKey("ivr"));
			Health health = health(instance);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("standby");
			assertThat(((Map<?, ?>) health.getDetails().get("standby")).get("ivr")).asString()
				.contains("taken over by another client");
			// While the other client holds the application, calls go to it and it keeps it.
			Call call = this.simulator.incomingCall("+15550001").into("ivr");
			await().atMost(TIMEOUT).until(() -> other.received("StasisStart"));
			sleep(CHECK_INTERVAL.multipliedBy(4));
			assertThat(handled(instance)).isEmpty();
			assertThat(takeover.getStandbyApplications()).containsKey("ivr")
				.extractingByKey("ivr")
				.asString()
				.contains("another client holds it");
			assertThat(takeover.getTakeoverCount()).isZero();
			call.hangUp();
		}

		long left = System.nanoTime();
		await().atMost(TIMEOUT).until(() -> takeover.getStandbyApplications().isEmpty());
		Duration gap = Duration.ofNanos(System.nanoTime() - left);
		assertThat(gap).as("time without a holder").isLessThan(CHECK_INTERVAL.multipliedBy(2).plusSeconds(2));
		assertThat(takeover.getTakeoverCount()).isOne();
		Call next = this.simulator.incomingCall("+15550002").into("ivr");
		await().atMost(TIMEOUT).until(() -> handled(instance).contains(next.id()));
		assertThat(health(instance).getDetails()).doesNotContainKey("standby");
		assertThat(output).contains("Stasis application 'ivr' is in standby")
			.contains("Stasis application 'ivr' left standby");
	}

	@Test
	void twoLiveInstancesShouldNotTakeTheApplicationFromEachOther() {
		ConfigurableApplicationContext first = start();
		this.simulator.awaitApplication("ivr", TIMEOUT);
		ConfigurableApplicationContext second = start();
		AriApplicationTakeover firstTakeover = first.getBean(AriApplicationTakeover.class);
		AriApplicationTakeover secondTakeover = second.getBean(AriApplicationTakeover.class);
		await().atMost(TIMEOUT).until(() -> firstTakeover.getStandbyCount() == 1);

		sleep(CHECK_INTERVAL.multipliedBy(8));
		assertThat(replacedFrames()).as("ApplicationReplaced frames").isOne();
		assertThat(firstTakeover.getTakeoverCount() + secondTakeover.getTakeoverCount()).isZero();
		assertThat(secondTakeover.getStandbyCount()).isZero();
		Call call = this.simulator.incomingCall("+15550003").into("ivr");
		await().atMost(TIMEOUT).until(() -> handled(second).contains(call.id()));
		assertThat(handled(first)).isEmpty();

		// The newer instance stops, as at the end of a rolled-back deployment: the first takes over.
		second.close();
		await().atMost(TIMEOUT).until(() -> firstTakeover.getStandbyCount() == 0);
		assertThat(firstTakeover.getTakeoverCount()).isOne();
		Call next = this.simulator.incomingCall("+15550004").into("ivr");
		await().atMost(TIMEOUT).until(() -> handled(first).contains(next.id()));
		assertThat(replacedFrames()).isOne();
	}

	private long replacedFrames() {
		return this.simulator.sentEvents().stream().map(SentEvent::type).filter("ApplicationReplaced"::equals).count();
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Instance.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "ari.url=" + this.simulator.baseUri(),
					"ari.username=" + this.simulator.username(), "ari.password=" + this.simulator.password(),
					"ari.applications=ivr", "ari.listener.takeover.check-interval=" + CHECK_INTERVAL.toMillis() + "ms")
			.run();
		this.instances.add(context);
		return context;
	}

	private static List<String> handled(ConfigurableApplicationContext instance) {
		return instance.getBean(Handlers.class).started;
	}

	private static Health health(ConfigurableApplicationContext instance) {
		AriHealthIndicator indicator = new AriHealthIndicator(instance.getBean(AriConnectionState.class),
				instance.getBean(ReactiveAsteriskApi.class), Duration.ofSeconds(5),
				instance.getBean(AriApplicationTakeover.class));
		return indicator.health(true).block(TIMEOUT);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, AriAutoConfiguration.class })
	static class Instance {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		final List<String> started = new CopyOnWriteArrayList<>();

		@StasisEventHandler
		void onStart(StasisStart start) {
			this.started.add(start.channel().id());
		}

	}

}
