package io.github.arispring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local ARI REST stub: {@code GET /ari/channels/{channelId}} answers the recorded body of
 * {@code rest/channels/get.json}, compact as Asterisk sends it, with the requested id in
 * place of the recorded one (so that a wrong answer can be told apart); 401 without the
 * right credentials.
 */
final class RestStub implements AutoCloseable {

	static final String RECORDED_ID = "1795836659.49";

	private final DisposableServer server;

	private final LoopResources loop;

	private RestStub(DisposableServer server, LoopResources loop) {
		this.server = server;
		this.loop = loop;
	}

	static RestStub start() {
		String body = JsonMapper.builder().build().readTree(Samples.text("rest/channels/get.json")).toString();
		String idField = "{\"id\":\"" + RECORDED_ID + "\"";
		if (!body.startsWith(idField)) {
			throw new IllegalStateException("Unexpected recorded body: " + body);
		}
		ByteBuf prefix = Unpooled.unreleasableBuffer(
				Unpooled.directBuffer().writeBytes("{\"id\":\"".getBytes(StandardCharsets.UTF_8)));
		ByteBuf suffix = Unpooled.unreleasableBuffer(
				Unpooled.directBuffer().writeBytes(body.substring(idField.length() - 1).getBytes(StandardCharsets.UTF_8)));
		String expected = Samples.basicAuth();
		// event loops of its own, as if it ran elsewhere: the clients keep Reactor Netty's shared ones
		LoopResources loop = LoopResources.create("rest-stub", 2, true);
		DisposableServer server = HttpServer.create()
			.runOn(loop)
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/ari/channels/{channelId}", (request, response) -> {
				if (!expected.equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
					return response.status(HttpResponseStatus.UNAUTHORIZED)
						.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.sendString(Mono.just("{\"message\":\"Authentication required\"}"));
				}
				byte[] id = request.param("channelId").getBytes(StandardCharsets.UTF_8);
				ByteBuf answer = Unpooled.wrappedBuffer(prefix.duplicate(), Unpooled.wrappedBuffer(id), suffix.duplicate());
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.readableBytes()))
					.send(Mono.just(answer));
			}))
			.bindNow();
		return new RestStub(server, loop);
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loop.disposeLater().block(Duration.ofSeconds(5));
	}

}
