package io.github.arispring.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.autoconfigure.health.AriHealthContributorAutoConfiguration;
import io.github.arispring.autoconfigure.metrics.AriMetricsAutoConfiguration;
import io.github.arispring.client.AriClient;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriConnectedEvent;
import io.github.arispring.listener.AriDisconnectedEvent;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Asterisk servers, each an {@link AriSimulator} with its own {@code asterisk_id}, as the
 * named servers {@code east} and {@code west} with one application name on both: every
 * handler's REST calls reach the server that sent the event, each server has its own health
 * and meters, and one server going down leaves the other working.
 */
class SeveralServersTests {

	private static final String APP = "ivr";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String EAST_ID = "02:fc:00:00:00:e1";

	private static final String WEST_ID = "02:fc:00:00:00:a7";

	private AriSimulator east;

	private AriSimulator west;

	@BeforeEach
	void startSimulators() {
		this.east = AriSimulator.builder().asteriskId(EAST_ID).start();
		this.west = AriSimulator.builder().asteriskId(WEST_ID).start();
	}

	@AfterEach
	void stopSimulators() {
		stop(this.east);
		stop(this.west);
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AriAutoConfiguration.class,
					AriHealthContributorAutoConfiguration.class, AriMetricsAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.withUserConfiguration(Handlers.class)
			.withPropertyValues(server("east", this.east))
			.withPropertyValues(server("west", this.west));
	}

	private static String[] server(String name, AriSimulator simulator) {
		String prefix = "ari.servers." + name + ".";
		return new String[] { prefix + "url=" + simulator.baseUri(), prefix + "username=" + simulator.username(),
				prefix + "password=" + simulator.password(), prefix + "applications=" + APP,
				prefix + "listener.reconnect.initial-delay=50ms", prefix + "listener.reconnect.max-delay=200ms" };
	}

	@Test
	void eachHandlersRestCallsReachTheServerThatSentTheEvent() {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(AriClient.class);
			awaitConnected();
			List<Call> eastCalls = List.of(this.east.incomingCall("+15550001").into(APP),
					this.east.incomingCall("+15550002").into(APP));
			List<Call> westCalls = List.of(this.west.incomingCall("+15550003").into(APP));
			eastCalls.forEach((call) -> call.awaitAnswered(WAIT));
			westCalls.forEach((call) -> call.awaitAnswered(WAIT));
			// The simulators number channels alike: the same id on both is two channels.
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(answered(this.east)).containsExactlyInAnyOrderElementsOf(ids(eastCalls));
				assertThat(answered(this.west)).containsExactlyInAnyOrderElementsOf(ids(westCalls));
			});
			Handlers handlers = context.getBean(Handlers.class);
			assertThat(handlers.servers).containsEntry("east:" + eastCalls.get(0).id(), "east")
				.containsEntry("east:" + eastCalls.get(1).id(), "east")
				.containsEntry("west:" + westCalls.get(0).id(), "west");
			assertThat(handlers.westOnly).containsExactly(westCalls.get(0).id());
			// each connection event names its server and carries that server's clients
			assertThat(handlers.connected).containsOnlyKeys("east", "west")
				.containsEntry("east", EAST_ID)
				.containsEntry("west", WEST_ID);
		});
	}

	@Test
	void serversAreFoundByNameAndByAsteriskId() {
		contextRunner().run((context) -> {
			awaitConnected();
			AriServers servers = context.getBean(AriServers.class);
			assertThat(servers.servers()).extracting(AriServer::name).containsExactly("east", "west");
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(servers.findByAsteriskId(EAST_ID)).map(AriServer::name).contains("east");
				assertThat(servers.findByAsteriskId(WEST_ID)).map(AriServer::name).contains("west");
			});
			servers.clientByAsteriskId(WEST_ID).asterisk().ping();
			servers.client("east").asterisk().ping();
			assertThat(this.west.requests("asterisk.ping")).hasSize(1);
			assertThat(this.east.requests("asterisk.ping")).hasSize(1);
		});
	}

	@Test
	void healthAndMetersArePerServer() {
		contextRunner().run((context) -> {
			awaitConnected();
			this.east.incomingCall("+15550001").into(APP).awaitAnswered(WAIT);
			assertThat(health(context, "east").getStatus()).isEqualTo(Status.UP);
			assertThat(health(context, "east").getDetails()).containsEntry("entityId", EAST_ID);
			assertThat(health(context, "west").getDetails()).containsEntry("entityId", WEST_ID);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(WAIT).untilAsserted(() -> assertThat(registry.get("ari.events.received")
				.tags("server", "east", "type", "StasisStart")
				.counter()
				.count()).isEqualTo(1.0));
			assertThat(registry.find("ari.events.received").tags("server", "west", "type", "StasisStart").counter())
				.isNull();
			assertThat(registry.get("ari.websocket.connected").tag("server", "west").gauge().value()).isEqualTo(1.0);
			assertThat(registry.get("ari.http.pool.max").tag("server", "east").gauge().value()).isEqualTo(32.0);
			assertThat(registry.get("ari.http.pool.max").tag("server", "west").gauge().value()).isEqualTo(32.0);
		});
	}

	@Test
	void whenOneServerIsDownTheOtherKeepsWorking() {
		contextRunner().run((context) -> {
			awaitConnected();
			stop(this.west);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(registry.get("ari.websocket.connected").tag("server", "west").gauge().value())
					.isEqualTo(0.0));
			Call call = this.east.incomingCall("+15550001").into(APP);
			call.awaitAnswered(WAIT);
			await().atMost(WAIT).untilAsserted(() -> assertThat(answered(this.east)).containsExactly(call.id()));
			Health west = health(context, "west");
			assertThat(west.getStatus()).isEqualTo(Status.DOWN);
			assertThat(west.getDetails().get("reason")).asString().isNotBlank();
			assertThat(health(context, "east").getStatus()).isEqualTo(Status.UP);
			assertThat(registry.get("ari.websocket.connected").tag("server", "east").gauge().value()).isEqualTo(1.0);
			assertThat(context.getBean(Handlers.class).disconnected).contains("west").doesNotContain("east");
		});
	}

	private static void stop(AriSimulator simulator) {
		try {
			simulator.stop();
		}
		catch (IllegalStateException ex) {
			// On a loaded machine, waiting for the dropped sockets may time out after the port
			// has closed; the test goes on to check that the server is seen as down.
		}
	}

	private void awaitConnected() {
		this.east.awaitApplication(APP, WAIT);
		this.west.awaitApplication(APP, WAIT);
	}

	private static Health health(AssertableApplicationContext context, String server) {
		CompositeReactiveHealthContributor ari = (CompositeReactiveHealthContributor) context
			.getBean(ReactiveHealthContributorRegistry.class)
			.getContributor("ari");
		return ((ReactiveHealthIndicator) ari.getContributor(server)).health().block(WAIT);
	}

	private static List<String> answered(AriSimulator simulator) {
		return simulator.requests("channels.answer")
			.stream()
			.map((request) -> request.path().replaceAll(".*/channels/([^/]+)/answer$", "$1"))
			.toList();
	}

	private static List<String> ids(List<Call> calls) {
		return calls.stream().map(Call::id).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		final Map<String, String> servers = new ConcurrentHashMap<>();

		final List<String> westOnly = new CopyOnWriteArrayList<>();

		final Map<String, String> connected = new ConcurrentHashMap<>();

		final List<String> disconnected = new CopyOnWriteArrayList<>();

		@EventListener
		void onConnected(AriConnectedEvent event) {
			this.connected.put(event.getServer(),
					event.getEventSource().client().asterisk().getInfo().system().entityId());
		}

		@EventListener
		void onDisconnected(AriDisconnectedEvent event) {
			this.disconnected.add(event.getServer());
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@StasisEventHandler(APP)
		void onStart(StasisStart start, AriClient ari, AriEventSource source) {
			this.servers.put(source.name() + ":" + start.channel().id(), source.name());
			ari.channels().answer(start.channel().id());
		}

		@StasisEventHandler(value = APP, servers = "west")
		void onWestStart(StasisStart start) {
			this.westOnly.add(start.channel().id());
		}

	}

}
