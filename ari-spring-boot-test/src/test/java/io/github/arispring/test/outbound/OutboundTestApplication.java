package io.github.arispring.test.outbound;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.outbound.AriOutboundConnections;

/**
 * A small application on a random port that Asterisk (the simulator) connects to over
 * outbound WebSockets only: no {@code ari.url}. Records which calls it handled and over which
 * connection.
 */
final class OutboundTestApplication implements AutoCloseable {

	final String name;

	final ConfigurableApplicationContext context;

	private OutboundTestApplication(String name, ConfigurableApplicationContext context) {
		this.name = name;
		this.context = context;
	}

	static OutboundTestApplication start(String name, String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--ari.outbound.enabled=true",
				"--spring.main.banner-mode=off", "--spring.application.name=" + name));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new OutboundTestApplication(name, new SpringApplicationBuilder(Config.class)
			.web(WebApplicationType.REACTIVE)
			.run(args.toArray(String[]::new)));
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	URI uri() {
		return URI.create("ws://127.0.0.1:" + port() + "/ari/outbound");
	}

	Calls calls() {
		return this.context.getBean(Calls.class);
	}

	AriOutboundConnections connections() {
		return this.context.getBean(AriOutboundConnections.class);
	}

	MeterRegistry meters() {
		return this.context.getBean(MeterRegistry.class);
	}

	double meter(String name, String... tags) {
		var search = meters().find(name).tags(tags);
		return (search.counter() != null) ? search.counter().count() : search.gauge().value();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Calls calls() {
			return new Calls();
		}

		// Event loops of its own: several instances run in one JVM, and one that stops would
		// otherwise dispose of the global loops the others (and the simulator) use.
		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			return factory;
		}

		@Bean
		RestCalls restCalls() {
			return new RestCalls();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	/** The calls the handlers saw: channel id to the source (connection) of their StasisStart. */
	static class Calls {

		final Map<String, String> started = new ConcurrentHashMap<>();

		final Set<String> ended = ConcurrentHashMap.newKeySet();

		final Set<String> duplicates = ConcurrentHashMap.newKeySet();

		@StasisEventHandler(applications = "per-call-app")
		void start(StasisStart start, AriEventSource source) {
			if (this.started.putIfAbsent(start.channel().id(), source.name()) != null) {
				this.duplicates.add(start.channel().id());
			}
		}

		@StasisEventHandler(applications = { "per-call-app", "outbound-app" })
		void end(StasisEnd end) {
			this.ended.add(end.channel().id());
		}

		@StasisEventHandler(applications = "outbound-app")
		void persistentStart(StasisStart start, AriEventSource source) {
			this.started.put(start.channel().id(), source.name());
		}

	}

	/**
	 * Calls that the application answers, plays a prompt to and hangs up, with the clients of
	 * the connection each call came on: blocking for {@code rest-app} (per call), reactive for
	 * {@code rest-persistent}.
	 */
	static class RestCalls {

		final Set<String> done = ConcurrentHashMap.newKeySet();

		final Map<String, Throwable> failed = new ConcurrentHashMap<>();

		@StasisEventHandler(applications = "rest-app")
		void perCall(StasisStart start, AriClient client) {
			String id = start.channel().id();
			try {
				client.channels().answer(id);
				client.channels().play(id, List.of("sound:hello-world"));
				client.channels().hangup(id);
				this.done.add(id);
			}
			catch (RuntimeException ex) {
				this.failed.put(id, ex);
			}
		}

		@StasisEventHandler(applications = "rest-persistent")
		void persistent(StasisStart start, ReactiveAriClient client) {
			String id = start.channel().id();
			client.channels()
				.answer(id)
				.then(client.channels().play(id, List.of("sound:hello-world")))
				.then(client.channels().hangup(id))
				.subscribe(null, (ex) -> this.failed.put(id, ex), () -> this.done.add(id));
		}

	}

}
