package io.github.arispring.client;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.Application;

import static io.github.arispring.client.AriWireMock.delete;
import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.post;
import static io.github.arispring.client.AriWireMock.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApplicationsApi} and {@link ReactiveApplicationsApi} against recorded Asterisk answers.
 */
class ApplicationsApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void applicationsListAndGetShouldReadApplication() {
		ari.respond("applications/list.json");
		List<List<Application>> lists = ari.call(get("/ari/applications"),
				() -> ari.client(ApplicationsApi.class).list(),
				() -> ari.client(ReactiveApplicationsApi.class).list().collectList());
		ari.respond("applications/get.json");
		List<Application> applications = ari.call(get("/ari/applications/rest-samples"),
				() -> ari.client(ApplicationsApi.class).get("rest-samples"),
				() -> ari.client(ReactiveApplicationsApi.class).get("rest-samples"));
		assertThat(lists).allSatisfy((list) -> assertThat(list).containsExactlyElementsOf(applications.subList(0, 1)));
		assertThat(applications).allSatisfy((application) -> {
			assertThat(application.name()).isEqualTo("rest-samples");
			assertThat(application.channelIds()).containsExactly("1795836659.49", "1795836659.50", "1795836660.51",
					"1795836660.52");
			assertThat(application.bridgeIds()).containsExactly("sample-bridge-1");
			assertThat(application.endpointIds()).isEmpty();
			assertThat(application.eventsAllowed()).isEmpty();
		});
	}

	@Test
	void applicationsSubscribeShouldJoinEventSourcesWithCommas() {
		ari.respond("applications/subscribe.endpoints.json");
		List<String> sources = List.of("endpoint:IAX2/iaxuser", "endpoint:IAX2/iaxstatic");
		List<Application> applications = ari.call(
				post("/ari/applications/endpoint-watch/subscription").query("eventSource",
						"endpoint:IAX2/iaxuser,endpoint:IAX2/iaxstatic"),
				() -> ari.client(ApplicationsApi.class).subscribe("endpoint-watch", sources),
				() -> ari.client(ReactiveApplicationsApi.class).subscribe("endpoint-watch", sources));
		assertThat(applications).allSatisfy((application) -> assertThat(application.endpointIds())
			.containsExactly("IAX2/iaxstatic", "IAX2/iaxuser"));
	}

	@Test
	void applicationsUnsubscribeShouldSendDeleteWithEventSource() {
		ari.respond("applications/get.json");
		List<String> sources = List.of("bridge:743440b6-c7c4-4cc5-890c-42355990e550");
		List<Application> applications = ari.call(
				delete("/ari/applications/flow2/subscription").query("eventSource",
						"bridge:743440b6-c7c4-4cc5-890c-42355990e550"),
				() -> ari.client(ApplicationsApi.class).unsubscribe("flow2", sources),
				() -> ari.client(ReactiveApplicationsApi.class).unsubscribe("flow2", sources));
		assertThat(applications).extracting(Application::name).containsOnly("rest-samples");
	}

	@Test
	void applicationsFilterShouldSendFilterAsWholeBody() {
		ari.respond("applications/get.json");
		Map<String, Object> filter = Map.of("allowed", List.of(Map.of("type", "StasisStart"), Map.of("type", "StasisEnd")),
				"disallowed", List.of(Map.of("type", "ChannelVarset")));
		List<Application> applications = ari.call(put("/ari/applications/rest-samples/eventFilter").body("""
				{"allowed": [{"type": "StasisStart"}, {"type": "StasisEnd"}],
					"disallowed": [{"type": "ChannelVarset"}]}"""),
				() -> ari.client(ApplicationsApi.class).filter("rest-samples", filter),
				() -> ari.client(ReactiveApplicationsApi.class).filter("rest-samples", filter));
		assertThat(applications).extracting(Application::name).containsOnly("rest-samples");
	}

}
