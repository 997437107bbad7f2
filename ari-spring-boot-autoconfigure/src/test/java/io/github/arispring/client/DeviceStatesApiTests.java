package io.github.arispring.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.DeviceState;

import static io.github.arispring.client.AriWireMock.delete;
import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link DeviceStatesApi} and {@link ReactiveDeviceStatesApi} against recorded Asterisk answers.
 */
class DeviceStatesApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	// Asterisk decodes each path segment on its own, so an encoded ':' reaches it intact.
	@Test
	void deviceStatesGetShouldEncodeColonInPathSegment() {
		ari.respond("deviceStates/get.json");
		List<DeviceState> states = ari.call(get("/ari/deviceStates/Stasis%3Asample-device"),
				() -> ari.client(DeviceStatesApi.class).get("Stasis:sample-device"),
				() -> ari.client(ReactiveDeviceStatesApi.class).get("Stasis:sample-device"));
		ari.respond("deviceStates/list.json");
		List<List<DeviceState>> lists = ari.call(get("/ari/deviceStates"),
				() -> ari.client(DeviceStatesApi.class).list(),
				() -> ari.client(ReactiveDeviceStatesApi.class).list().collectList());
		assertThat(lists).allSatisfy((list) -> assertThat(list).containsExactlyElementsOf(states.subList(0, 1)));
		assertThat(states).extracting(DeviceState::name, DeviceState::state)
			.containsOnly(tuple("Stasis:sample-device", "INUSE"));
	}

	@Test
	void deviceStatesUpdateAndDeleteShouldSendState() {
		ari.respondNoContent();
		ari.run(put("/ari/deviceStates/Stasis%3Asample-device").query("deviceState", "NOT_INUSE"),
				() -> ari.client(DeviceStatesApi.class).update("Stasis:sample-device", "NOT_INUSE"),
				() -> ari.client(ReactiveDeviceStatesApi.class).update("Stasis:sample-device", "NOT_INUSE"));
		ari.run(delete("/ari/deviceStates/Stasis%3Asample-device"),
				() -> ari.client(DeviceStatesApi.class).delete("Stasis:sample-device"),
				() -> ari.client(ReactiveDeviceStatesApi.class).delete("Stasis:sample-device"));
	}

}
