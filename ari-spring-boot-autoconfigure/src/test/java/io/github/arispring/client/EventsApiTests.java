package io.github.arispring.client;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.arispring.client.AriWireMock.post;

/**
 * {@link EventsApi} and {@link ReactiveEventsApi} against recorded Asterisk answers.
 */
class EventsApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void eventsUserEventShouldSendSourcesAndVariablesBody() {
		ari.respondNoContent();
		List<String> sources = List.of("channel:1795836613.20", "bridge:c4826ccd-02fc-41a8-9ee9-caf584154177");
		Map<String, Object> variables = Map.of("key1", "value1", "key2", "value2");
		ari.run(post("/ari/events/user/CustomerEvent").query("application", "misc")
			.query("source", "channel:1795836613.20,bridge:c4826ccd-02fc-41a8-9ee9-caf584154177")
			.body("{\"variables\": {\"key1\": \"value1\", \"key2\": \"value2\"}}"),
				() -> ari.client(EventsApi.class).userEvent("CustomerEvent", "misc", sources, variables),
				() -> ari.client(ReactiveEventsApi.class).userEvent("CustomerEvent", "misc", sources, variables));
	}

	@Test
	void eventsClaimChannelShouldSendChannelAndApplication() {
		ari.respondNoContent();
		ari.run(post("/ari/events/claim").query("channelId", "1795836637.35").query("application", "bcast-a"),
				() -> ari.client(EventsApi.class).claimChannel("1795836637.35", "bcast-a"),
				() -> ari.client(ReactiveEventsApi.class).claimChannel("1795836637.35", "bcast-a"));
	}

}
