package io.github.arispring.outbound;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.client.AriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriEventSource;

/**
 * A small application on a random port that accepts outbound connections and records the
 * events its handlers receive.
 */
final class OutboundApp implements AutoCloseable {

	final ConfigurableApplicationContext context;

	private OutboundApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static OutboundApp start(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--ari.outbound.enabled=true",
				"--spring.main.banner-mode=off", "--management.health.ari.enabled=true"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new OutboundApp(new SpringApplicationBuilder(Config.class).web(WebApplicationType.REACTIVE)
			.run(args.toArray(String[]::new)));
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	URI uri() {
		return URI.create("ws://127.0.0.1:" + port() + "/ari/outbound");
	}

	Recorder recorder() {
		return this.context.getBean(Recorder.class);
	}

	AriOutboundConnections connections() {
		return this.context.getBean(AriOutboundConnections.class);
	}

	MeterRegistry meters() {
		return this.context.getBean(MeterRegistry.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	/** Records what handlers received. */
	static class Recorder {

		final List<AriEvent> perCallEvents = new CopyOnWriteArrayList<>();

		final List<AriEvent> allEvents = new CopyOnWriteArrayList<>();

		final Map<String, AriClient> clients = new ConcurrentHashMap<>();

		final Map<String, AriEventSource> sources = new ConcurrentHashMap<>();

		@StasisEventHandler(applications = "per-call-app")
		void perCall(AriEvent event) {
			this.perCallEvents.add(event);
		}

		@StasisEventHandler
		void all(AriEvent event) {
			this.allEvents.add(event);
		}

		@StasisEventHandler
		void start(StasisStart start, AriClient client, AriEventSource source) {
			this.clients.put(start.channel().id(), client);
			this.sources.put(start.channel().id(), source);
		}

	}

}
