package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriException;
import io.github.arispring.client.BridgeCreateParams;
import io.github.arispring.model.Bridge;
import io.github.arispring.test.junit.AriSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Mixing bridges through the real REST client, with the recorded events of flows 2 and 2b.
 */
class BridgeOperationsTests {

	@RegisterExtension
	static final AriSimulatorExtension ari = new AriSimulatorExtension();

	@Test
	void mixingBridgeWithSubscriptionGivesTheRecordedFrames() {
		AriSimulator simulator = ari.simulator();
		AriClient client = RawHttp.ari(simulator);
		try (EventStream events = EventStream.connect(simulator, "flow2")) {
			Call a = simulator.incomingCall("201").into("flow2");
			Call b = simulator.incomingCall("202").into("flow2");
			events.nextTypes(2);
			Bridge bridge = client.bridges().create(BridgeCreateParams.builder().type("mixing").name("flow2-bridge").build());
			assertThat(bridge.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(bridge.technology()).isEqualTo("simple_bridge");
			assertThat(bridge.bridgeClass()).isEqualTo("stasis");
			assertThat(bridge.videoMode()).isEqualTo("talker");
			assertThat(client.applications().subscribe("flow2", List.of("bridge:" + bridge.id())).bridgeIds())
				.containsExactly(bridge.id());
			client.bridges().addChannel(bridge.id(), List.of(a.id(), b.id()), null);
			JsonNode enteredA = events.next("ChannelEnteredBridge");
			assertThat(enteredA.path("bridge").path("channels").toString()).isEqualTo("[\"" + a.id() + "\"]");
			JsonNode enteredB = events.next("ChannelEnteredBridge");
			assertThat(enteredB.path("bridge").path("channels").size()).isEqualTo(2);
			JsonNode peerOfA = events.next("ChannelVarset");
			assertThat(peerOfA.path("variable").asString()).isEqualTo("BRIDGEPEER");
			assertThat(peerOfA.path("value").asString()).isEqualTo(b.name());
			assertThat(events.next("ChannelVarset").path("value").asString()).isEqualTo(a.name());
			assertThat(client.bridges().get(bridge.id()).channels()).containsExactly(a.id(), b.id());
			assertThat(a.bridgedWith()).containsExactly(b.id());
			assertThat(b.bridgeId()).contains(bridge.id());

			// B leaves by hanging up, then the bridge is destroyed with A in it.
			client.channels().hangup(b.id());
			assertThat(events.nextTypes(4)).containsExactly("ChannelHangupRequest", "ChannelVarset", "ChannelLeftBridge",
					"StasisEnd");
			client.bridges().destroy(bridge.id());
			assertThat(events.next("ChannelVarset").path("value").asString()).isEmpty();
			assertThat(events.next("ChannelLeftBridge").path("bridge").path("channels").size()).isZero();
			events.next("BridgeDestroyed");
			assertThat(a.inStasis()).isTrue();
			assertThat(a.bridgeId()).isEmpty();
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> client.bridges().get(bridge.id()));
		}
	}

	@Test
	void bridgeDestroyedReachesAnUnsubscribedApplicationOnlyAfterAMemberHungUpInIt() {
		AriSimulator simulator = ari.simulator();
		AriClient client = RawHttp.ari(simulator);
		try (EventStream events = EventStream.connect(simulator, "flow2b")) {
			Call a = simulator.incomingCall("201").into("flow2b");
			Call b = simulator.incomingCall("202").into("flow2b");
			Bridge first = client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			client.bridges().addChannel(first.id(), List.of(a.id(), b.id()), null);
			client.bridges().removeChannel(first.id(), List.of(a.id()));
			client.bridges().destroy(first.id());
			Bridge second = client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			client.bridges().addChannel(second.id(), List.of(a.id()), null);
			Call c = simulator.incomingCall("203").into("flow2b");
			client.bridges().addChannel(second.id(), List.of(c.id()), null);
			c.hangUp();
			client.bridges().destroy(second.id());
			List<String> destroyed = simulator.sentEvents()
				.stream()
				.filter((event) -> event.type().equals("BridgeDestroyed"))
				.map((event) -> EventStream.JSON.readTree(event.json()).path("bridge").path("id").asString())
				.toList();
			assertThat(destroyed).containsExactly(second.id());
		}
	}

	@Test
	void bridgeCreatedOnlyWithSubscribeAll() {
		AriSimulator simulator = ari.simulator();
		AriClient client = RawHttp.ari(simulator);
		try (EventStream plain = EventStream.connect(simulator, "plain");
				EventStream all = EventStream.connectWithQuery(simulator, "app=everything&subscribeAll=true", "everything")) {
			Bridge bridge = client.bridges().createWithId("my-bridge");
			assertThat(all.next("BridgeCreated").path("bridge").path("id").asString()).isEqualTo("my-bridge");
			assertThat(bridge.name()).isEmpty();
			plain.assertNoMore(Duration.ofMillis(100));
			assertThatExceptionOfType(AriException.Conflict.class).isThrownBy(() -> client.bridges().createWithId("my-bridge"))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Bridge with id 'my-bridge' already exists"));
			assertThat(client.bridges().list()).extracting(Bridge::id).containsExactly("my-bridge");
		}
	}

	@Test
	void aThirdChannelTurnsTheBridgeIntoSoftmix() {
		AriSimulator simulator = ari.simulator();
		AriClient client = RawHttp.ari(simulator);
		try (EventStream events = EventStream.connect(simulator, "conf")) {
			List<String> ids = List.of(simulator.incomingCall("1").into("conf").id(),
					simulator.incomingCall("2").into("conf").id(), simulator.incomingCall("3").into("conf").id());
			Bridge bridge = client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			client.bridges().addChannel(bridge.id(), ids, null);
			assertThat(client.bridges().get(bridge.id()).technology()).isEqualTo("softmix");
			assertThat(simulator.call(ids.get(0)).bridgedWith()).containsExactly(ids.get(1), ids.get(2));
		}
	}

	@Test
	void removeAndAddErrorsAreAsteriskOnes() {
		AriSimulator simulator = ari.simulator();
		AriClient client = RawHttp.ari(simulator);
		try (EventStream events = EventStream.connect(simulator, "errors")) {
			Call a = simulator.incomingCall("1").into("errors");
			Bridge bridge = client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			assertThatExceptionOfType(AriException.UnprocessableEntity.class)
				.isThrownBy(() -> client.bridges().removeChannel(bridge.id(), List.of(a.id())))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Channel not in this bridge"));
			assertThatExceptionOfType(AriException.BadRequest.class)
				.isThrownBy(() -> client.bridges().addChannel(bridge.id(), List.of("nope"), null))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Channel not found"));
			assertThatExceptionOfType(AriException.ServerError.class)
				.isThrownBy(() -> client.bridges().create(BridgeCreateParams.builder().type("no-such-type").build()));
		}
	}

}
