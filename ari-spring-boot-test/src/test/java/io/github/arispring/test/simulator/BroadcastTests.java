package io.github.arispring.test.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.arispring.client.AriException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code StasisBroadcast()} and {@code POST /events/claim} in the simulator, against the frames and
 * answers recorded from Asterisk in {@code flows/x-broadcast-claim*}.
 */
class BroadcastTests extends AbstractSimulatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final List<JsonNode> WINNER = flow("x-broadcast-claim.jsonl");

	private static final List<JsonNode> LOSER = flow("x-broadcast-claim.bcast-b.jsonl");

	private static final List<JsonNode> HTTP = flow("x-broadcast-claim.http.jsonl");

	@Test
	void broadcastShouldOfferTheCallToMatchingApplicationsAndGiveItToTheFirstClaim() {
		try (EventStream a = EventStream.connect(this.simulator, "bcast-a");
				EventStream b = EventStream.connect(this.simulator, "bcast-b");
				EventStream other = EventStream.connect(this.simulator, "other")) {
			Call call = this.simulator.incomingCall("+15551234")
				.at("broadcast", "500")
				.withArgs("ext-500", "second")
				.broadcast("^bcast-", TIMEOUT, true);
			JsonNode offerA = a.next("CallBroadcast");
			JsonNode offerB = b.next("CallBroadcast");
			assertSameShape(offerA, WINNER.get(0));
			assertThat(offerA.path("application").asString()).isEqualTo("bcast-a");
			assertThat(offerB.path("application").asString()).isEqualTo("bcast-b");
			assertThat(offerA.path("channel").path("id").asString()).isEqualTo(call.id());
			assertThat(offerA.path("caller").asString()).isEqualTo("+15551234");
			assertThat(offerA.path("called").asString()).isEqualTo("500");
			assertThat(offerA.path("channel").path("dialplan").path("app_name").asString())
				.isEqualTo("StasisBroadcast");
			assertThat(offerA.path("channel").path("dialplan").path("app_data").asString())
				.isEqualTo("5000,^bcast-,ext-500:second,yes");
			other.assertNoMore(Duration.ofMillis(200));

			this.client.events().claimChannel(call.id(), "bcast-a");
			assertThatExceptionOfType(AriException.Conflict.class)
				.isThrownBy(() -> this.client.events().claimChannel(call.id(), "bcast-b"))
				.satisfies((ex) -> assertThat(ex.responseBody())
					.isEqualTo(HTTP.get(2).path("response_body").toString()));

			JsonNode claimedA = a.next("CallClaimed");
			assertSameShape(claimedA, WINNER.get(1));
			assertThat(claimedA.path("winner_app").asString()).isEqualTo("bcast-a");
			JsonNode start = a.next("StasisStart");
			assertSameShape(start, WINNER.get(2));
			assertThat(start.path("args").valueStream().map(JsonNode::asString)).containsExactly("ext-500", "second");
			assertThat(start.path("channel").path("dialplan").path("app_name").asString()).isEqualTo("StasisBroadcast");
			assertSameShape(b.next("CallClaimed"), LOSER.get(1));
			b.assertNoMore(Duration.ofMillis(200));
			assertThat(call.claimedBy()).isEqualTo("bcast-a");
			assertThat(call.application()).isEqualTo("bcast-a");

			this.client.channels().hangup(call.id());
			assertThat(a.skipTo("StasisEnd").path("channel").path("id").asString()).isEqualTo(call.id());
			assertThatExceptionOfType(AriException.NotFound.class)
				.isThrownBy(() -> this.client.events().claimChannel(call.id(), "bcast-b"));
			assertThat(call.claimedBy()).isEqualTo("bcast-a");
		}
	}

	@Test
	void broadcastWithoutNotifyClaimedShouldSendOnlyStasisStartToTheWinner() {
		try (EventStream a = EventStream.connect(this.simulator, "ivr-a");
				EventStream b = EventStream.connect(this.simulator, "ivr-b")) {
			Call call = this.simulator.incomingCall("+15551234").broadcast("^ivr-", TIMEOUT, false);
			a.next("CallBroadcast");
			b.next("CallBroadcast");
			this.client.events().claimChannel(call.id(), "ivr-b");
			assertThat(b.next("StasisStart").path("args")).isEmpty();
			a.assertNoMore(Duration.ofMillis(200));
		}
	}

	@Test
	void broadcastWithoutClaimShouldContinueInTheDialplanAfterTheTimeout() {
		try (EventStream a = EventStream.connect(this.simulator, "ivr-a")) {
			Call call = this.simulator.incomingCall("+15551234").broadcast(null, Duration.ofMillis(100), true);
			a.next("CallBroadcast");
			call.await((c) -> "TIMEOUT".equals(c.variables().get("STASISSTATUS")), "STASISSTATUS=TIMEOUT", TIMEOUT);
			assertThatExceptionOfType(AriException.NotFound.class)
				.isThrownBy(() -> this.client.events().claimChannel(call.id(), "ivr-a"))
				.withMessageContaining("Channel not found or not in broadcast state");
			assertThat(call.inStasis()).isFalse();
			assertThat(call.claimedBy()).isNull();
			a.assertNoMore(Duration.ofMillis(200));
		}
	}

	@Test
	void claimOfChannelNeverBroadcastShouldBe404() {
		try (EventStream ivr = EventStream.connect(this.simulator, "ivr")) {
			Call call = this.simulator.incomingCall("+15551234").into("ivr");
			assertThatExceptionOfType(AriException.NotFound.class)
				.isThrownBy(() -> this.client.events().claimChannel(call.id(), "ivr"));
			assertThatExceptionOfType(AriException.NotFound.class)
				.isThrownBy(() -> this.client.events().claimChannel("no-such-channel", "ivr"));
		}
	}

	@Test
	void claimWithoutParametersShouldBe400() {
		RawHttp.Response response = RawHttp.request(this.simulator, "POST", "/ari/events/claim",
				Map.of("application", "ivr"), null,
				EventStream.basic(this.simulator.username(), this.simulator.password()), Map.of());
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("channelId parameter is required");
	}

	@Test
	void broadcastWhenNoApplicationMatchesShouldFailWithTheRegisteredOnes() {
		try (AriSimulator simulator = AriSimulator.builder().applicationTimeout(Duration.ofMillis(100)).start();
				EventStream ivr = EventStream.connectWithQuery(simulator, "app=ivr")) {
			simulator.awaitApplication("ivr", Duration.ofSeconds(30));
			assertThatIllegalStateException()
				.isThrownBy(() -> simulator.incomingCall("+1555").broadcast("^sales-", TIMEOUT, false))
				.withMessageContaining("matching '^sales-'")
				.withMessageContaining("[ivr]");
		}
	}

	private static void assertSameShape(JsonNode actual, JsonNode recorded) {
		assertThat(keys(actual)).as("keys of %s", actual.path("type")).isEqualTo(keys(recorded));
		assertThat(keys(actual.path("channel"))).isEqualTo(keys(recorded.path("channel")));
		assertThat(keys(actual.path("channel").path("dialplan"))).isEqualTo(keys(recorded.path("channel").path("dialplan")));
	}

	private static List<String> keys(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
	}

	private static List<JsonNode> flow(String name) {
		try (InputStream in = BroadcastTests.class.getResourceAsStream("/ari-samples/flows/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank())
				.map(EventStream.JSON::readTree)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
