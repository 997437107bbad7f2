package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.arispring.client.AriException;
import io.github.arispring.client.BridgeCreateParams;
import io.github.arispring.model.Bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Mixing bridges through the real REST client, with the recorded events of flows 2 and 2b.
 */
class BridgeOperationsTests extends AbstractSimulatorTests {

	@Test
	void mixingBridgeWithSubscriptionGivesTheRecordedFrames() {
		try (EventStream events = EventStream.connect(this.simulator, "flow2")) {
			Call a = this.simulator.incomingCall("201").into("flow2");
			Call b = this.simulator.incomingCall("202").into("flow2");
			events.nextTypes(2);
			Bridge bridge = this.client.bridges().create(BridgeCreateParams.builder().type("mixing").name("flow2-bridge").build());
			assertThat(bridge.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(bridge.technology()).isEqualTo("simple_bridge");
			assertThat(bridge.bridgeClass()).isEqualTo("stasis");
			assertThat(bridge.videoMode()).isEqualTo("talker");
			assertThat(this.client.applications().subscribe("flow2", List.of("bridge:" + bridge.id())).bridgeIds())
				.containsExactly(bridge.id());
			this.client.bridges().addChannel(bridge.id(), List.of(a.id(), b.id()), null);
			JsonNode enteredA = events.next("ChannelEnteredBridge");
			assertThat(enteredA.path("bridge").path("channels").toString()).isEqualTo("[\"" + a.id() + "\"]");
			JsonNode enteredB = events.next("ChannelEnteredBridge");
			assertThat(enteredB.path("bridge").path("channels").size()).isEqualTo(2);
			JsonNode peerOfA = events.next("ChannelVarset");
			assertThat(peerOfA.path("variable").asString()).isEqualTo("BRIDGEPEER");
			assertThat(peerOfA.path("value").asString()).isEqualTo(b.name());
			assertThat(events.next("ChannelVarset").path("value").asString()).isEqualTo(a.name());
			assertThat(this.client.bridges().get(bridge.id()).channels()).containsExactly(a.id(), b.id());
			assertThat(a.bridgedWith()).containsExactly(b.id());
			assertThat(b.bridgeId()).contains(bridge.id());

			// B leaves by hanging up, then the bridge is destroyed with A in it.
			this.client.channels().hangup(b.id());
			assertThat(events.nextTypes(4)).containsExactly("ChannelHangupRequest", "ChannelVarset", "ChannelLeftBridge",
					"StasisEnd");
			this.client.bridges().destroy(bridge.id());
			assertThat(events.next("ChannelVarset").path("value").asString()).isEmpty();
			assertThat(events.next("ChannelLeftBridge").path("bridge").path("channels").size()).isZero();
			events.next("BridgeDestroyed");
			assertThat(a.inStasis()).isTrue();
			assertThat(a.bridgeId()).isEmpty();
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> this.client.bridges().get(bridge.id()));
		}
	}

	@Test
	void bridgeDestroyedReachesAnUnsubscribedApplicationOnlyAfterAMemberHungUpInIt() {
		try (EventStream events = EventStream.connect(this.simulator, "flow2b")) {
			Call a = this.simulator.incomingCall("201").into("flow2b");
			Call b = this.simulator.incomingCall("202").into("flow2b");
			Bridge first = this.client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			this.client.bridges().addChannel(first.id(), List.of(a.id(), b.id()), null);
			this.client.bridges().removeChannel(first.id(), List.of(a.id()));
			this.client.bridges().destroy(first.id());
			Bridge second = this.client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			this.client.bridges().addChannel(second.id(), List.of(a.id()), null);
			Call c = this.simulator.incomingCall("203").into("flow2b");
			this.client.bridges().addChannel(second.id(), List.of(c.id()), null);
			c.hangUp();
			this.client.bridges().destroy(second.id());
			List<String> destroyed = this.simulator.sentEvents()
				.stream()
				.filter((event) -> event.type().equals("BridgeDestroyed"))
				.map((event) -> EventStream.JSON.readTree(event.json()).path("bridge").path("id").asString())
				.toList();
			assertThat(destroyed).containsExactly(second.id());
		}
	}

	@Test
	void bridgeCreatedOnlyWithSubscribeAll() {
		try (EventStream plain = EventStream.connect(this.simulator, "plain");
				EventStream all = EventStream.connectWithQuery(this.simulator, "app=everything&subscribeAll=true", "everything")) {
			Bridge bridge = this.client.bridges().createWithId("my-bridge");
			assertThat(all.next("BridgeCreated").path("bridge").path("id").asString()).isEqualTo("my-bridge");
			assertThat(bridge.name()).isEmpty();
			plain.assertNoMore(Duration.ofMillis(100));
			assertThatExceptionOfType(AriException.Conflict.class).isThrownBy(() -> this.client.bridges().createWithId("my-bridge"))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Bridge with id 'my-bridge' already exists"));
			assertThat(this.client.bridges().list()).extracting(Bridge::id).containsExactly("my-bridge");
		}
	}

	@Test
	void aThirdChannelTurnsTheBridgeIntoSoftmix() {
		try (EventStream events = EventStream.connect(this.simulator, "conf")) {
			List<String> ids = List.of(this.simulator.incomingCall("1").into("conf").id(),
					this.simulator.incomingCall("2").into("conf").id(), this.simulator.incomingCall("3").into("conf").id());
			Bridge bridge = this.client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			this.client.bridges().addChannel(bridge.id(), ids, null);
			assertThat(this.client.bridges().get(bridge.id()).technology()).isEqualTo("softmix");
			assertThat(this.simulator.call(ids.get(0)).bridgedWith()).containsExactly(ids.get(1), ids.get(2));
		}
	}

	@Test
	void removeAndAddErrorsAreAsteriskOnes() {
		try (EventStream events = EventStream.connect(this.simulator, "errors")) {
			Call a = this.simulator.incomingCall("1").into("errors");
			Bridge bridge = this.client.bridges().create(BridgeCreateParams.builder().type("mixing").build());
			assertThatExceptionOfType(AriException.UnprocessableEntity.class)
				.isThrownBy(() -> this.client.bridges().removeChannel(bridge.id(), List.of(a.id())))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Channel not in this bridge"));
			assertThatExceptionOfType(AriException.BadRequest.class)
				.isThrownBy(() -> this.client.bridges().addChannel(bridge.id(), List.of("nope"), null))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Channel not found"));
			assertThatExceptionOfType(AriException.ServerError.class)
				.isThrownBy(() -> this.client.bridges().create(BridgeCreateParams.builder().type("no-such-type").build()));
		}
	}

}
