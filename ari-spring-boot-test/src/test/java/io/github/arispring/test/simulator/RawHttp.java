package io.github.arispring.test.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringEncoder;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;

/**
 * Plain HTTP to the simulator, for asserting what is on the wire (statuses, reason phrases,
 * headers, bodies), and the real REST client for everything else.
 */
final class RawHttp {

	private RawHttp() {
	}

	static AriClient ari(AriSimulator simulator) {
		return AriClient.create(AriClientFactory.create(WebClient.builder(), simulator.baseUri().toString(),
				simulator.username(), simulator.password()));
	}

	static Response request(AriSimulator simulator, String method, String path, Map<String, String> query,
			@Nullable String body, @Nullable String authorization, Map<String, String> headers) {
		QueryStringEncoder uri = new QueryStringEncoder("http://127.0.0.1:" + simulator.port() + path);
		query.forEach(uri::addParam);
		HttpClient client = HttpClient.newConnection().headers((h) -> {
			if (authorization != null) {
				h.set("Authorization", authorization);
			}
			headers.forEach(h::set);
			if (body != null) {
				h.set("Content-Type", "application/json");
			}
		});
		return client.request(HttpMethod.valueOf(method))
			.uri(uri.toString())
			.send((body != null) ? ByteBufFlux.fromString(Mono.just(body)) : Mono.empty())
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> new Response(response.status().code(), response.status().reasonPhrase(),
						response.responseHeaders(), text)))
			.block(Duration.ofSeconds(5));
	}

	static Response get(AriSimulator simulator, String path) {
		return request(simulator, "GET", path, Map.of(), null,
				EventStream.basic(simulator.username(), simulator.password()), Map.of());
	}

	record Response(int status, String reason, HttpHeaders headers, String body) {

	}

}
