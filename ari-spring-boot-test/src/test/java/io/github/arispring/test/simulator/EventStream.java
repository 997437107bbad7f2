package io.github.arispring.test.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads an events WebSocket of the simulator with a plain Reactor Netty client, the way any ARI
 * client would, and hands the frames to the test.
 */
final class EventStream implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	private final Disposable connection;

	private EventStream(URI uri, String authorization) {
		this.connection = HttpClient.create()
			.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, authorization))
			.websocket()
			.uri(uri)
			.handle((in, out) -> Mono.firstWithSignal(
					in.receive().asString(StandardCharsets.UTF_8).doOnNext(this.frames::add).then(),
					out.sendString(this.outgoing.asFlux(), StandardCharsets.UTF_8).then()))
			.subscribe();
	}

	/** Connects for the applications, and waits until the simulator has registered them. */
	static EventStream connect(AriSimulator simulator, String... applications) {
		return connectWithQuery(simulator, "app=" + String.join(",", applications), applications);
	}

	static EventStream connectWithQuery(AriSimulator simulator, String query, String... applications) {
		EventStream stream = new EventStream(URI.create(simulator.eventsUri() + "?" + query),
				basic(simulator.username(), simulator.password()));
		for (String application : applications) {
			simulator.awaitApplication(application, TIMEOUT);
		}
		return stream;
	}

	/** Connects for the applications with the given {@code Authorization} header. */
	static EventStream connectWithAuthorization(AriSimulator simulator, String authorization, String... applications) {
		EventStream stream = new EventStream(
				URI.create(simulator.eventsUri() + "?app=" + String.join(",", applications)), authorization);
		for (String application : applications) {
			simulator.awaitApplication(application, TIMEOUT);
		}
		return stream;
	}

	static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Sends a text frame, such as a RESTRequest. */
	synchronized void send(String frame) {
		this.outgoing.emitNext(frame, Sinks.EmitFailureHandler.FAIL_FAST);
	}

	/** The next frame, as received. */
	String nextRaw() {
		try {
			String frame = this.frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(frame).as("an event frame within " + TIMEOUT).isNotNull();
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	JsonNode next() {
		return JSON.readTree(nextRaw());
	}

	/** The next frame, which must be of the type. */
	JsonNode next(String type) {
		JsonNode frame = next();
		assertThat(frame.path("type").asString()).as("type of " + frame).isEqualTo(type);
		return frame;
	}

	/** The types of the next frames. */
	List<String> nextTypes(int count) {
		List<String> types = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			types.add(next().path("type").asString());
		}
		return types;
	}

	/** Skips frames up to and including one of the type. */
	JsonNode skipTo(String type) {
		while (true) {
			JsonNode frame = next();
			if (type.equals(frame.path("type").asString())) {
				return frame;
			}
		}
	}

	/** Asserts that no frame arrives for a while. */
	void assertNoMore(Duration quiet) {
		try {
			String frame = this.frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(frame).as("no further frame").isNull();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.connection.dispose();
	}

}
