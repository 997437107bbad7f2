package io.github.arispring.test.instances;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

import io.github.arispring.test.simulator.AriSimulator;

/**
 * A second client's events WebSocket, as another instance or a tool would open it: it registers
 * its applications and records the frames it gets.
 */
final class RawEventSocket implements AutoCloseable {

	final List<String> frames = new CopyOnWriteArrayList<>();

	private final Disposable connection;

	RawEventSocket(AriSimulator simulator, String application) {
		String credentials = simulator.username() + ":" + simulator.password();
		String authorization = "Basic "
				+ Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
		this.connection = HttpClient.create()
			.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, authorization))
			.websocket()
			.uri(URI.create(simulator.eventsUri() + "?app=" + application))
			.handle((in, out) -> in.receive().asString(StandardCharsets.UTF_8).doOnNext(this.frames::add).then())
			.subscribe();
	}

	boolean received(String type) {
		return this.frames.stream().anyMatch((frame) -> frame.contains("\"type\":\"" + type + "\""));
	}

	@Override
	public void close() {
		this.connection.dispose();
	}

}
