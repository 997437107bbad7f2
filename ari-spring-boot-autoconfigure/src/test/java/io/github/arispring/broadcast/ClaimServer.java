package io.github.arispring.broadcast;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.AriSamples;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.listener.AriEventSource;

/**
 * An in-process Asterisk that answers {@code POST /ari/events/claim} the way Asterisk does by
 * default: the first claim of a channel wins (204), later ones get 409 with the recorded body.
 * A test may answer otherwise, and delay the answers.
 */
final class ClaimServer implements AutoCloseable {

	/** The answers recorded in {@code x-broadcast-claim.http.jsonl}: 204, then 409. */
	static final List<JsonNode> RECORDED = AriSamples.lines("flows/x-broadcast-claim.http.jsonl")
		.stream()
		.map(AriSamples.MAPPER::readTree)
		.filter((call) -> call.get("path").asString().equals("/ari/events/claim"))
		.toList();

	private final List<Claim> claims = new CopyOnWriteArrayList<>();

	private final Set<String> claimed = ConcurrentHashMap.newKeySet();

	private volatile BiFunction<String, String, Answer> answers = (channelId, application) -> this.claimed
		.add(channelId) ? answer(RECORDED.get(0)) : answer(RECORDED.get(1));

	private volatile Duration delay = Duration.ZERO;

	/** The channels {@code GET /channels/{id}} finds. */
	final Set<String> live = ConcurrentHashMap.newKeySet();

	final List<String> channelLookups = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	ClaimServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes.post("/ari/events/claim",
				(request, response) -> {
					QueryStringDecoder query = new QueryStringDecoder(request.uri());
					String channelId = query.parameters().get("channelId").get(0);
					String application = query.parameters().get("application").get(0);
					this.claims.add(new Claim(channelId, application));
					Answer answer = this.answers.apply(channelId, application);
					Mono<Void> sent = (answer.body() != null)
							? response.status(answer.status()).header("Content-Type", "application/json")
								.sendString(Mono.just(answer.body())).then()
							: response.status(answer.status()).send();
					return Mono.delay(this.delay).then(sent);
				}).get("/ari/channels/{channelId}", (request, response) -> {
					String channelId = request.param("channelId");
					this.channelLookups.add(channelId);
					if (!this.live.contains(channelId)) {
						return response.status(404).header("Content-Type", "application/json")
							.sendString(Mono.just("{\"message\":\"Channel not found\"}")).then();
					}
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just(AriSamples.read("rest/channels/get.json"))).then();
				}))
			.bindNow();
	}

	static Answer answer(JsonNode recorded) {
		JsonNode body = recorded.get("response_body");
		return new Answer(recorded.get("status").asInt(), body.isNull() ? null : body.toString());
	}

	void answer(BiFunction<String, String, Answer> answers) {
		this.answers = answers;
	}

	void delay(Duration delay) {
		this.delay = delay;
	}

	List<Claim> claims() {
		return List.copyOf(this.claims);
	}

	/** A source named {@code default} whose clients reach this server. */
	AriEventSource source() {
		AriClientFactory factory = AriClientFactory.create(WebClient.builder(), "http://127.0.0.1:" + this.server.port(),
				"asterisk", "asterisk");
		ReactiveAriClient client = ReactiveAriClient.create(factory);
		return AriEventSource.of(AriEventSource.DEFAULT_NAME, () -> {
			throw new IllegalStateException("claims must use the reactive client");
		}, () -> client);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	record Claim(String channelId, String application) {
	}

	record Answer(int status, @Nullable String body) {

		static Answer status(int status) {
			return new Answer(status, null);
		}

	}

}
