package io.github.arispring.broadcast;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import io.github.arispring.AriSamples;
import io.github.arispring.broadcast.AriBroadcastClaimer.Outcome;
import io.github.arispring.broadcast.ClaimServer.Answer;
import io.github.arispring.broadcast.ClaimServer.Claim;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.CallBroadcast;
import io.github.arispring.event.StasisStart;
import io.github.arispring.listener.AriConnectedEvent;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriEventExecutors;
import io.github.arispring.listener.AriEventHandler;
import io.github.arispring.listener.AriEventSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AriBroadcastClaimer} claiming recorded {@code CallBroadcast} offers over real HTTP, through
 * the dispatcher.
 */
@ExtendWith(OutputCaptureExtension.class)
class AriBroadcastClaimerTests {

	private static final List<String> WINNER = AriSamples.lines("flows/x-broadcast-claim.jsonl");

	private static final List<String> LOSER = AriSamples.lines("flows/x-broadcast-claim.bcast-b.jsonl");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ClaimServer asterisk = new ClaimServer();

	private final AriEventSource source = this.asterisk.source();

	private final AriEventDispatcher dispatcher = new AriEventDispatcher(AriEventExecutors.create(16), 10_000);

	@AfterEach
	void stop() {
		this.asterisk.close();
	}

	@Test
	void offerWhenFirstShouldClaimAndCountTheCallUntilStasisEnd(CapturedOutput output) throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		dispatch(WINNER.subList(0, 3));
		assertThat(this.asterisk.claims()).containsExactly(new Claim("1795836637.35", "bcast-a"));
		assertThat(claimer.getClaimCount(Outcome.WON)).isOne();
		assertThat(claimer.getCallsInProgress()).isOne();
		dispatch(WINNER.subList(3, WINNER.size()));
		assertThat(claimer.getCallsInProgress()).isZero();
		assertThat(counts(claimer)).containsExactly(1L, 0L, 0L, 0L);
		assertThat(output).doesNotContain("WARN", "ERROR");
	}

	@Test
	void offerWhenAnotherApplicationWasFirstShouldCountLostAndLogNoError(CapturedOutput output) throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		this.asterisk.answer((channelId, application) -> ClaimServer.answer(ClaimServer.RECORDED.get(1)));
		dispatch(LOSER);
		assertThat(this.asterisk.claims()).containsExactly(new Claim("1795836637.35", "bcast-b"));
		assertThat(counts(claimer)).containsExactly(0L, 1L, 0L, 0L);
		assertThat(claimer.getCallsInProgress()).isZero();
		assertThat(output).doesNotContain("WARN", "ERROR", "Exception");
	}

	@Test
	void offerWhenBroadcastIsOverShouldCountLost(CapturedOutput output) throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		this.asterisk.answer((channelId, application) -> new Answer(404,
				"{\"message\":\"Channel not found or not in broadcast state\"}"));
		dispatch(LOSER.subList(0, 1));
		assertThat(counts(claimer)).containsExactly(0L, 1L, 0L, 0L);
		assertThat(output).doesNotContain("WARN", "ERROR");
	}

	@Test
	void offerWhenClaimFailsShouldCountFailedAndWarnOnceWithoutStackTrace(CapturedOutput output) throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		this.asterisk.answer((channelId, application) -> new Answer(500, "{\"message\":\"Internal error\"}"));
		dispatch(LOSER.subList(0, 1));
		assertThat(counts(claimer)).containsExactly(0L, 0L, 1L, 0L);
		assertThat(claimer.getCallsInProgress()).isZero();
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN"))).singleElement()
			.asString()
			.contains("Could not claim broadcast call 1795836637.35 for bcast-b")
			.contains("500");
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void offerWhenSourceHasNoClientShouldCountFailedAndFreeItsPlace() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(1));
		AriEventSource noClient = AriEventSource.withoutClients("elsewhere");
		this.dispatcher.dispatch(read(LOSER.get(0)), noClient);
		assertThat(this.dispatcher.awaitIdle(TIMEOUT)).isTrue();
		assertThat(counts(claimer)).containsExactly(0L, 0L, 1L, 0L);
		assertThat(claimer.getCallsInProgress()).isZero();
		dispatch(WINNER.subList(0, 1));
		assertThat(claimer.getClaimCount(Outcome.WON)).isOne();
	}

	@Test
	void offerWhenPolicyDeclinesShouldNotClaim() throws Exception {
		AriBroadcastClaimer claimer = claimer((broadcast, calls) -> !broadcast.called().equals("500"));
		dispatch(LOSER.subList(0, 1));
		assertThat(this.asterisk.claims()).isEmpty();
		assertThat(counts(claimer)).containsExactly(0L, 0L, 0L, 1L);
	}

	@Test
	void offerWhenPolicyThrowsShouldCountFailedAndLeaveOtherHandlersRunning() throws Exception {
		AriBroadcastClaimer claimer = claimer((broadcast, calls) -> {
			throw new IllegalStateException("policy broken");
		});
		AtomicInteger others = new AtomicInteger();
		this.dispatcher.addHandler(counting(others));
		dispatch(LOSER.subList(0, 1));
		assertThat(counts(claimer)).containsExactly(0L, 0L, 1L, 0L);
		assertThat(claimer.getCallsInProgress()).isZero();
		assertThat(others).hasValue(1);
	}

	@Test
	void simultaneousOffersShouldNeverExceedTheLimit() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(5));
		this.asterisk.delay(Duration.ofMillis(50));
		List<String> offers = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			offers.add(withChannelId(LOSER.get(0), "offer-" + i));
		}
		dispatch(offers);
		assertThat(this.asterisk.claims()).hasSize(5);
		assertThat(claimer.getClaimCount(Outcome.WON)).isEqualTo(5);
		assertThat(claimer.getClaimCount(Outcome.DECLINED)).isEqualTo(55);
		assertThat(claimer.getCallsInProgress()).isEqualTo(5);
	}

	@Test
	void offerKeptOutOnlyByAPendingClaimThatLosesShouldBeClaimed() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(1));
		this.asterisk.delay(Duration.ofMillis(200));
		this.asterisk.answer((channelId, application) -> channelId.equals("offer-0")
				? ClaimServer.answer(ClaimServer.RECORDED.get(1)) : ClaimServer.answer(ClaimServer.RECORDED.get(0)));
		offerWhileTheFirstClaimWaits();
		assertThat(this.asterisk.claims()).extracting(Claim::channelId).containsExactly("offer-0", "offer-1");
		assertThat(counts(claimer)).containsExactly(1L, 1L, 0L, 0L);
		assertThat(claimer.getCallsInProgress()).isOne();
	}

	@Test
	void offerKeptOutByAPendingClaimThatWinsShouldBeDeclined() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(1));
		this.asterisk.delay(Duration.ofMillis(200));
		offerWhileTheFirstClaimWaits();
		assertThat(this.asterisk.claims()).extracting(Claim::channelId).containsExactly("offer-0");
		assertThat(counts(claimer)).containsExactly(1L, 0L, 0L, 1L);
		assertThat(claimer.getCallsInProgress()).isOne();
	}

	@Test
	void offerThroughTwoApplicationsOfOneInstanceShouldBeClaimedOnce() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		String second = LOSER.get(0).replace("\"application\":\"bcast-b\"", "\"application\":\"bcast-c\"");
		dispatch(List.of(WINNER.get(0), second));
		assertThat(this.asterisk.claims()).containsExactly(new Claim("1795836637.35", "bcast-a"));
		assertThat(counts(claimer)).containsExactly(1L, 0L, 0L, 0L);
	}

	@Test
	void wonClaimWithoutStasisStartShouldStopCountingAfterTheStartTimeout() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		claimer.setStartTimeout(Duration.ofMillis(200));
		dispatch(WINNER.subList(0, 1));
		assertThat(claimer.getCallsInProgress()).isOne();
		await().atMost(TIMEOUT).until(() -> claimer.getCallsInProgress() == 0);
	}

	@Test
	void stasisStartOfBroadcastChannelWhoseClaimAnswerWasLostShouldCountAsInProgress() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		StasisStart start = (StasisStart) read(WINNER.get(2));
		assertThat(start.channel().dialplan().appName()).isEqualTo("StasisBroadcast");
		dispatch(WINNER.subList(2, 3));
		assertThat(claimer.getCallsInProgress()).isOne();
		dispatch(WINNER.subList(3, WINNER.size()));
		assertThat(claimer.getCallsInProgress()).isZero();
	}

	@Test
	void reconnectionShouldStopCountingCallsThatEndedWhileTheWebSocketWasDown() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		for (String channelId : List.of("gone", "still-up")) {
			dispatch(List.of(withChannelId(WINNER.get(0), channelId), withChannelId(WINNER.get(2), channelId)));
		}
		assertThat(claimer.getCallsInProgress()).isEqualTo(2);
		this.asterisk.live.add("still-up");
		AriEventListenerContainer container = new AriEventListenerContainer(new ReactorNettyWebSocketClient(),
				URI.create("ws://127.0.0.1:1/ari/events"), null, null, List.of("bcast-a"), false, this.dispatcher);
		container.setEventSource(this.source);
		claimer.onApplicationEvent(new AriConnectedEvent(container, URI.create("ws://127.0.0.1:1/ari/events"),
				List.of("bcast-a"), false));
		assertThat(claimer.getCallsInProgress()).isEqualTo(2);
		claimer.onApplicationEvent(new AriConnectedEvent(container, URI.create("ws://127.0.0.1:1/ari/events"),
				List.of("bcast-a"), true));
		await().atMost(TIMEOUT).until(() -> claimer.getCallsInProgress() == 1);
		assertThat(this.asterisk.channelLookups).containsExactlyInAnyOrder("gone", "still-up");
	}

	@Test
	void stasisStartOfOrdinaryCallShouldNotReachTheClaimer() throws Exception {
		AriBroadcastClaimer claimer = claimer(AriClaimPolicy.withinCapacity(10));
		StasisStart start = (StasisStart) read(AriSamples.read("events/StasisStart.json"));
		assertThat(claimer.supports(start, this.source)).isFalse();
	}

	/** Offers offer-0, and offer-1 once the claim of offer-0 has reached Asterisk. */
	private void offerWhileTheFirstClaimWaits() throws InterruptedException {
		assertThat(this.dispatcher.dispatch(read(withChannelId(LOSER.get(0), "offer-0")), this.source)).isTrue();
		await().atMost(TIMEOUT).until(() -> this.asterisk.claims().size() == 1);
		dispatch(List.of(withChannelId(LOSER.get(0), "offer-1")));
	}

	private AriBroadcastClaimer claimer(AriClaimPolicy policy) {
		AriBroadcastClaimer claimer = new AriBroadcastClaimer(policy);
		this.dispatcher.addHandler(claimer);
		return claimer;
	}

	private void dispatch(List<String> frames) throws InterruptedException {
		for (String frame : frames) {
			assertThat(this.dispatcher.dispatch(read(frame), this.source)).isTrue();
		}
		assertThat(this.dispatcher.awaitIdle(TIMEOUT)).isTrue();
	}

	private static AriEvent read(String json) {
		return AriSamples.MAPPER.readValue(json, AriEvent.class);
	}

	private static String withChannelId(String frame, String channelId) {
		ObjectNode event = (ObjectNode) AriSamples.MAPPER.readTree(frame);
		((ObjectNode) event.get("channel")).put("id", channelId);
		return event.toString();
	}

	private static List<Long> counts(AriBroadcastClaimer claimer) {
		return List.of(claimer.getClaimCount(Outcome.WON), claimer.getClaimCount(Outcome.LOST),
				claimer.getClaimCount(Outcome.FAILED), claimer.getClaimCount(Outcome.DECLINED));
	}

	private static AriEventHandler counting(AtomicInteger count) {
		return new AriEventHandler() {

			@Override
			public String name() {
				return "counting";
			}

			@Override
			public boolean supportsEventType(Class<? extends AriEvent> eventType) {
				return eventType == CallBroadcast.class;
			}

			@Override
			public java.util.concurrent.CompletionStage<?> handle(AriEvent event) {
				count.incrementAndGet();
				return null;
			}

		};
	}

}
