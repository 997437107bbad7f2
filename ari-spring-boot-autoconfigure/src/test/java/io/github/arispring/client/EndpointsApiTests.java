package io.github.arispring.client;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.Endpoint;

import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.post;
import static io.github.arispring.client.AriWireMock.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link EndpointsApi} and {@link ReactiveEndpointsApi} against recorded Asterisk answers.
 */
class EndpointsApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void endpointsListAndListByTechShouldReadEndpoints() {
		ari.respond("endpoints/list.json");
		List<List<Endpoint>> lists = ari.call(get("/ari/endpoints"), () -> ari.client(EndpointsApi.class).list(),
				() -> ari.client(ReactiveEndpointsApi.class).list().collectList());
		ari.respond("endpoints/listByTech.json");
		lists.addAll(ari.call(get("/ari/endpoints/IAX2"), () -> ari.client(EndpointsApi.class).listByTech("IAX2"),
				() -> ari.client(ReactiveEndpointsApi.class).listByTech("IAX2").collectList()));
		assertThat(lists).hasSize(4)
			.allSatisfy((endpoints) -> assertThat(endpoints)
				.extracting(Endpoint::technology, Endpoint::resource, Endpoint::state)
				.containsExactly(tuple("IAX2", "iaxuser", "unknown"), tuple("IAX2", "iaxstatic", "unknown")));
	}

	@Test
	void endpointsGetShouldPutTechAndResourceInPath() {
		ari.respond("endpoints/get.with-channel.json");
		List<Endpoint> endpoints = ari.call(get("/ari/endpoints/IAX2/iaxstatic"),
				() -> ari.client(EndpointsApi.class).get("IAX2", "iaxstatic"),
				() -> ari.client(ReactiveEndpointsApi.class).get("IAX2", "iaxstatic"));
		assertThat(endpoints).allSatisfy((endpoint) -> {
			assertThat(endpoint.resource()).isEqualTo("iaxstatic");
			assertThat(endpoint.channelIds()).containsExactly("1795836558.0", "1795836558.1");
		});
	}

	@Test
	void endpointsSendMessageToEndpointShouldSendQueryAndVariablesBody() {
		ari.respondNoContent();
		Map<String, Object> variables = Map.of("X-Note", "a & b");
		ari.run(put("/ari/endpoints/IAX2/iaxstatic/sendMessage").query("from", "iax-watch")
			.query("body", "hello & good bye?")
			.body("{\"variables\": {\"X-Note\": \"a & b\"}}"),
				() -> ari.client(EndpointsApi.class)
					.sendMessageToEndpoint("IAX2", "iaxstatic", "iax-watch", "hello & good bye?", variables),
				() -> ari.client(ReactiveEndpointsApi.class)
					.sendMessageToEndpoint("IAX2", "iaxstatic", "iax-watch", "hello & good bye?", variables));
	}

	@Test
	void endpointsReferShouldSendEveryQueryParameter() {
		ari.respondNoContent();
		ari.run(post("/ari/endpoints/refer").query("to", "pjsip:alice@127.0.0.1")
			.query("from", "sip:bob@127.0.0.1")
			.query("refer_to", "sip:carol@127.0.0.1")
			.query("to_self", "true"),
				() -> ari.client(EndpointsApi.class)
					.refer("pjsip:alice@127.0.0.1", "sip:bob@127.0.0.1", "sip:carol@127.0.0.1", true, null),
				() -> ari.client(ReactiveEndpointsApi.class)
					.refer("pjsip:alice@127.0.0.1", "sip:bob@127.0.0.1", "sip:carol@127.0.0.1", true, null));
	}

}
