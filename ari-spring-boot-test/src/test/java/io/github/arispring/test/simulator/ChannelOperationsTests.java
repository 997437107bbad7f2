package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.arispring.client.AriException;
import io.github.arispring.client.ChannelCreateParams;
import io.github.arispring.client.ChannelOriginateParams;
import io.github.arispring.client.ChannelSendDTMFParams;
import io.github.arispring.model.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Channel operations through the real REST client, and the events they raise on a WebSocket, in
 * the orders recorded from Asterisk.
 */
class ChannelOperationsTests extends AbstractSimulatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);


	@Test
	void inboundAnswerPlayHangupGivesTheRecordedFrames() {
		try (EventStream events = EventStream.connect(this.simulator, "hello-world")) {
			Call call = this.simulator.incomingCall("+15551234").into("hello-world");
			JsonNode start = events.next("StasisStart");
			assertThat(start.path("channel").path("state").asString()).isEqualTo("Ring");
			assertThat(start.path("args").isArray()).isTrue();
			assertThat(start.path("channel").path("dialplan").path("app_name").asString()).isEqualTo("Stasis");
			this.client.channels().answer(call.id());
			assertThat(events.next("ChannelStateChange").path("channel").path("state").asString()).isEqualTo("Up");
			this.client.channels().play(call.id(), List.of("sound:hello-world"));
			assertThat(events.next("PlaybackStarted").path("playback").path("state").asString()).isEqualTo("playing");
			assertThat(events.next("PlaybackFinished").path("playback").path("state").asString()).isEqualTo("done");
			this.client.channels().hangup(call.id());
			JsonNode hangup = events.next("ChannelHangupRequest");
			assertThat(hangup.path("cause").asInt()).isEqualTo(32);
			assertThat(hangup.path("soft").asBoolean()).isTrue();
			events.next("StasisEnd");
			// A channel that entered Stasis from the dialplan gets nothing after StasisEnd.
			events.assertNoMore(Duration.ofMillis(200));
			assertThat(call.answered()).isTrue();
			assertThat(call.hungUp()).isTrue();
			assertThat(call.mediaPlayed()).containsExactly("sound:hello-world");
			assertThatExceptionOfType(AriException.NotFound.class).isThrownBy(() -> this.client.channels().get(call.id()));
		}
	}

	@Test
	void originateToLocalGivesTheRecordedOrderAndTheAppSideIsInStasis() {
		try (EventStream events = EventStream.connect(this.simulator, "flow2")) {
			Channel channel = this.client.channels()
				.originate("Local/201@from-test", ChannelOriginateParams.builder().app("flow2").appArgs("caller-a").build());
			assertThat(channel.state()).isEqualTo("Down");
			assertThat(channel.name()).matches("Local/201@from-test-[0-9a-f]{8};1");
			assertThat(channel.id()).matches("\\d{10}\\.\\d+");
			assertThat(channel.dialplan().appName()).isEqualTo("AppDial2");
			JsonNode dial = events.next("Dial");
			assertThat(dial.path("dialstatus").asString()).isEmpty();
			assertThat(dial.path("dialstring").asString()).isEqualTo("201@from-test");
			JsonNode farUp = events.next("ChannelStateChange");
			assertThat(farUp.path("channel").path("name").asString()).endsWith(";2");
			assertThat(events.next("ChannelStateChange").path("channel").path("id").asString()).isEqualTo(channel.id());
			assertThat(events.next("Dial").path("dialstatus").asString()).isEqualTo("ANSWER");
			JsonNode varset = events.next("ChannelVarset");
			assertThat(varset.path("variable").asString()).isEqualTo("STASISSTATUS");
			JsonNode start = events.next("StasisStart");
			assertThat(start.path("args").get(0).asString()).isEqualTo("caller-a");
			assertThat(start.path("channel").path("dialplan").path("app_data").asString()).isEqualTo("flow2,caller-a");
			assertThat(this.client.channels().get(channel.id()).state()).isEqualTo("Up");

			this.client.channels().hangup(channel.id());
			assertThat(events.nextTypes(7)).containsExactly("ChannelHangupRequest", "StasisEnd", "ChannelVarset",
					"ChannelHangupRequest", "ChannelHangupRequest", "ChannelDestroyed", "ChannelDestroyed");
		}
	}

	@Test
	void hangupOfALocalPairFollowsTheRecordedOrder() {
		try (EventStream events = EventStream.connect(this.simulator, "flow3")) {
			Channel channel = this.client.channels()
				.originate("Local/flow3@stasis-app", ChannelOriginateParams.builder().app("flow3").build());
			events.skipTo("StasisStart");
			this.client.channels().hangup(channel.id());
			JsonNode request = events.next("ChannelHangupRequest");
			assertThat(request.path("cause").asInt()).isEqualTo(32);
			events.next("StasisEnd");
			assertThat(events.next("ChannelVarset").path("value").asString()).isEqualTo("SUCCESS");
			JsonNode farRequest = events.next("ChannelHangupRequest");
			assertThat(farRequest.path("cause").asInt()).isEqualTo(16);
			assertThat(farRequest.has("soft")).isFalse();
			assertThat(events.next("ChannelHangupRequest").path("soft").asBoolean()).isTrue();
			JsonNode destroyed = events.next("ChannelDestroyed");
			assertThat(destroyed.path("channel").path("id").asString()).isEqualTo(channel.id());
			assertThat(destroyed.path("cause_txt").asString()).isEqualTo("Normal Clearing");
			assertThat(events.next("ChannelDestroyed").path("channel").path("name").asString()).endsWith(";2");
		}
	}

	@Test
	void originateWithIdsCallerIdAndVariables() {
		try (EventStream events = EventStream.connect(this.simulator, "flow5")) {
			Channel channel = this.client.channels()
				.originate("Local/2@far-end-hangup", ChannelOriginateParams.builder()
					.app("flow5")
					.appArgs("outbound,flow5")
					.channelId("flow5-a")
					.otherChannelId("flow5-a-far")
					.callerId("\"Flow Five\" <5550005>")
					.variables(Map.of("SAMPLE_VAR", "sample value"))
					.build());
			assertThat(channel.id()).isEqualTo("flow5-a");
			assertThat(channel.caller().name()).isEqualTo("Flow Five");
			assertThat(channel.caller().number()).isEqualTo("5550005");
			JsonNode varset = events.next("ChannelVarset");
			assertThat(varset.path("variable").asString()).isEqualTo("SAMPLE_VAR");
			assertThat(varset.path("channel").path("id").asString()).isEqualTo("flow5-a-far");
			assertThat(events.skipTo("StasisStart").path("args").toString()).isEqualTo("[\"outbound\",\"flow5\"]");
			assertThat(this.client.channels().getChannelVar("flow5-a", "SAMPLE_VAR").value()).isEqualTo("sample value");
			assertThatExceptionOfType(AriException.Conflict.class).isThrownBy(() -> this.client.channels()
				.originate("Local/2@far-end-hangup", ChannelOriginateParams.builder().app("flow5").channelId("flow5-a").build()))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Channel with given unique ID already exists"));

			// The far end hangs up: the recorded order of flow 5.
			this.simulator.call("flow5-a").hangUp();
			assertThat(events.nextTypes(6)).containsExactly("ChannelHangupRequest", "ChannelHangupRequest",
					"ChannelDestroyed", "StasisEnd", "ChannelVarset", "ChannelDestroyed");
		}
	}

	@Test
	void originateToAnEndpointWithoutLocalHalves() {
		try (EventStream events = EventStream.connect(this.simulator, "out")) {
			Channel channel = this.client.channels()
				.originate("PJSIP/1000@trunk", ChannelOriginateParams.builder().app("out").build());
			assertThat(channel.name()).matches("PJSIP/trunk-[0-9a-f]{8}");
			assertThat(events.nextTypes(5)).containsExactly("Dial", "ChannelStateChange", "Dial", "ChannelVarset",
					"StasisStart");
			Call call = this.simulator.awaitOriginated("PJSIP/1000@trunk", TIMEOUT);
			assertThat(call.id()).isEqualTo(channel.id());
			call.hangUp();
			JsonNode request = events.next("ChannelHangupRequest");
			assertThat(request.path("cause").asInt()).isEqualTo(16);
			assertThat(events.nextTypes(3)).containsExactly("StasisEnd", "ChannelVarset", "ChannelDestroyed");
		}
	}

	@Test
	void createThenDialGivesTheRecordedStagedOrder() {
		try (EventStream events = EventStream.connect(this.simulator, "flow5b")) {
			Channel channel = this.client.channels()
				.create("Local/2@far-end-hangup", "flow5b", ChannelCreateParams.builder()
					.appArgs("staged")
					.channelId("flow5b-a")
					.otherChannelId("flow5b-a-far")
					.build());
			assertThat(channel.dialplan().appName()).isEmpty();
			assertThat(events.next("ChannelDialplan").path("dialplan_app").asString()).isEqualTo("Stasis");
			events.next("ChannelVarset");
			assertThat(events.next("StasisStart").path("channel").path("state").asString()).isEqualTo("Down");
			assertThatExceptionOfType(AriException.class).isThrownBy(() -> this.client.channels().answer("flow5b-a"))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(412));
			this.client.channels().dial("flow5b-a");
			assertThat(events.next("Dial").path("dialstring").asString()).isEqualTo("2@far-end-hangup");
			events.next("ChannelStateChange");
			JsonNode answered = events.next("Dial");
			assertThat(answered.path("dialstatus").asString()).isEqualTo("ANSWER");
			assertThat(answered.path("dialstring").asString()).isEmpty();
			assertThatExceptionOfType(AriException.Conflict.class).isThrownBy(() -> this.client.channels().dial("flow5b-a"))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Channel is not in the 'Down' state"));

			// The far end hangs up; create subscribed the application to ;1 only, so ;2 stays silent.
			this.simulator.call("flow5b-a").hangUp();
			JsonNode request = events.next("ChannelHangupRequest");
			assertThat(request.path("channel").path("id").asString()).isEqualTo("flow5b-a");
			assertThat(request.has("soft")).isFalse();
			assertThat(events.nextTypes(3)).containsExactly("StasisEnd", "ChannelVarset", "ChannelDestroyed");
			events.assertNoMore(Duration.ofMillis(100));
		}
	}

	@Test
	void listAndGetChannels() {
		try (EventStream events = EventStream.connect(this.simulator, "list")) {
			Call first = this.simulator.incomingCall("100").into("list");
			Call second = this.simulator.incomingCall("200").callerName("Bob").from("PJSIP/carrier").at("inbound", "5000").into("list");
			assertThat(this.client.channels().list()).extracting(Channel::id).containsExactly(first.id(), second.id());
			Channel bob = this.client.channels().get(second.id());
			assertThat(bob.name()).matches("PJSIP/carrier-[0-9a-f]{8}");
			assertThat(bob.caller().name()).isEqualTo("Bob");
			assertThat(bob.dialplan().context()).isEqualTo("inbound");
			assertThat(bob.dialplan().exten()).isEqualTo("5000");
		}
	}

	@Test
	void channelVariablesRaiseChannelVarset() {
		try (EventStream events = EventStream.connect(this.simulator, "vars")) {
			Call call = this.simulator.incomingCall("+15551234").into("vars");
			events.next("StasisStart");
			this.client.channels().setChannelVar(call.id(), "LANGUAGE_CHOICE", "fr", null);
			JsonNode varset = events.next("ChannelVarset");
			assertThat(varset.path("variable").asString()).isEqualTo("LANGUAGE_CHOICE");
			assertThat(varset.path("value").asString()).isEqualTo("fr");
			assertThat(this.client.channels().getChannelVar(call.id(), "LANGUAGE_CHOICE").value()).isEqualTo("fr");
			assertThat(this.client.channels().getChannelVar(call.id(), "CALLERID(num)").value()).isEqualTo("+15551234");
			this.client.channels().setChannelVar(call.id(), "CALLERID(name)", "Alice", null);
			events.assertNoMore(Duration.ofMillis(100));
			assertThat(this.client.channels().get(call.id()).caller().name()).isEqualTo("Alice");
			this.client.channels().setChannelVar(call.id(), "TRACKED", "1", true);
			assertThat(events.next("ChannelVarset").path("channel").path("channelvars").path("TRACKED").asString())
				.isEqualTo("1");
			assertThat(call.variables()).containsEntry("LANGUAGE_CHOICE", "fr");
			assertThatExceptionOfType(AriException.NotFound.class)
				.isThrownBy(() -> this.client.channels().getChannelVar(call.id(), "NO_SUCH_VAR"))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Provided variable was not found"));
		}
	}

	@Test
	void dtmfSentToOneHalfOfALocalPairArrivesOnTheOther() {
		try (EventStream events = EventStream.connect(this.simulator, "flow3")) {
			Channel channel = this.client.channels()
				.originate("Local/flow3@stasis-app", ChannelOriginateParams.builder().app("flow3").build());
			events.skipTo("StasisStart");
			this.client.channels().sendDTMF(channel.id(), ChannelSendDTMFParams.builder().dtmf("12#").between(0).duration(120).build());
			for (String digit : List.of("1", "2", "#")) {
				JsonNode received = events.next("ChannelDtmfReceived");
				assertThat(received.path("digit").asString()).isEqualTo(digit);
				assertThat(received.path("duration_ms").asInt()).isEqualTo(120);
				assertThat(received.path("channel").path("name").asString()).endsWith(";2");
			}
			assertThat(this.simulator.call(channel.id()).dtmfSent()).isEqualTo("12#");
		}
	}

	@Test
	void moveToAnotherApplicationAndToAMissingOne() {
		try (EventStream first = EventStream.connect(this.simulator, "first");
				EventStream second = EventStream.connect(this.simulator, "second")) {
			Call call = this.simulator.incomingCall("+15551234").into("first");
			first.next("StasisStart");
			this.client.channels().move(call.id(), "no-such-app", "x,y");
			JsonNode failed = first.next("ApplicationMoveFailed");
			assertThat(failed.path("destination").asString()).isEqualTo("no-such-app");
			assertThat(failed.path("args").toString()).isEqualTo("[\"x\",\"y\"]");
			this.client.channels().move(call.id(), "second", "z");
			first.next("StasisEnd");
			assertThat(second.next("StasisStart").path("args").toString()).isEqualTo("[\"z\"]");
			assertThat(call.application()).isEqualTo("second");
			this.client.channels().continueInDialplan(call.id());
			second.next("StasisEnd");
			assertThat(call.inStasis()).isFalse();
			assertThatExceptionOfType(AriException.Conflict.class).isThrownBy(() -> this.client.channels().answer(call.id()));
		}
	}

	@Test
	void hangupWithAReasonSetsTheCause() {
		try (EventStream events = EventStream.connect(this.simulator, "out")) {
			Channel channel = this.client.channels().originate("PJSIP/alice", ChannelOriginateParams.builder().app("out").build());
			events.skipTo("StasisStart");
			assertThatExceptionOfType(AriException.BadRequest.class)
				.isThrownBy(() -> this.client.channels().hangup(channel.id(), null, "no-such-reason"))
				.satisfies((ex) -> assertThat(ex.asteriskMessage()).isEqualTo("Invalid reason for hangup provided"));
			this.client.channels().hangup(channel.id(), null, "busy");
			JsonNode destroyed = events.skipTo("ChannelDestroyed");
			assertThat(destroyed.path("cause").asInt()).isEqualTo(17);
			assertThat(destroyed.path("cause_txt").asString()).isEqualTo("User busy");
			assertThat(this.simulator.call(channel.id()).hangupCause()).isEqualTo(17);
		}
	}

}
