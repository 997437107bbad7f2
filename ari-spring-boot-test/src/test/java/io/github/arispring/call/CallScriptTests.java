package io.github.arispring.call;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import io.github.arispring.call.ScriptedCalls.Outcome;
import io.github.arispring.call.ScriptedCalls.RecordingMetrics;
import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.client.ChannelRecordParams;
import io.github.arispring.event.ChannelDtmfReceived;
import io.github.arispring.listener.AriEventSource;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;
import io.github.arispring.test.autoconfigure.AutoConfigureAriSimulator;
import io.github.arispring.test.simulator.AriSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every verb of a scripted call against the ARI simulator, and what happens when the caller
 * hangs up during each.
 */
@SpringBootTest(classes = CallScriptTests.TestApplication.class, properties = "ari.applications=" + CallScriptTests.APP)
@AutoConfigureAriSimulator(mediaDuration = "100ms", answerDelay = "50ms")
class CallScriptTests {

	static final String APP = "scripts";

	private static final Duration WAIT = ScriptedCalls.WAIT;

	@Autowired
	private AriSimulator simulator;

	@Autowired
	private ScriptedCalls scripts;

	@Autowired
	private AriCalls calls;

	@Autowired
	private RecordingMetrics metrics;

	@Autowired
	private WaitingHandler handler;

	@AfterEach
	void noCallLeftAndNothingTapped() {
		await().atMost(WAIT).until(() -> this.calls.getActiveCount() == 0);
		await().atMost(WAIT).until(() -> this.calls.taps().size() == 0);
		this.metrics.failures.clear();
		this.simulator.reset();
	}

	@Test
	void answerPlayCollectAndReadBackThenHangUpWhenTheScriptReturns() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			Playback greeting = call.play("sound:hello-world");
			outcome.values.put("greeting", greeting.state());
			Digits digits = call.collectDigits(DigitOptions.upTo(4));
			outcome.values.put("digits", digits);
			call.play("digits:" + digits.value());
		});
		caller.awaitAnswered(WAIT).awaitMediaPlayed("sound:hello-world", WAIT);
		caller.pressDigits("12#");
		caller.awaitHangup(WAIT);
		Outcome outcome = outcomeOf(caller);
		outcome.awaitSuccess();
		assertThat(caller.mediaPlayed()).containsExactly("sound:hello-world", "digits:12");
		assertThat(outcome.values.get("greeting")).isEqualTo("done");
		assertThat(outcome.values.get("digits")).isEqualTo(new Digits("12", "#", Digits.Completion.TERMINATOR));
		await().atMost(WAIT).until(() -> this.simulator.requests("channels.hangup").size() == 1);
	}

	@Test
	void aDigitInterruptsThePromptAndIsTheFirstOneCollected() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			outcome.values.put("digits", call.collectDigits(DigitOptions.upTo(3), "tone:ring"));
		});
		caller.awaitMediaPlayed("tone:ring", WAIT);
		caller.pressDigits("1");
		await().atMost(WAIT).until(() -> !this.simulator.requests("playbacks.stop").isEmpty());
		caller.pressDigits("23");
		outcomeOf(caller).awaitSuccess();
		assertThat(outcomeOf(caller).values.get("digits")).isEqualTo(new Digits("123", null, Digits.Completion.MAX_DIGITS));
	}

	@Test
	void digitsPressedDuringAPlaybackWaitForTheNextCollection() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			outcome.reach();
			outcome.awaitProceed();
			call.play("sound:press-now");
			outcome.values.put("digits", call.collectDigits(DigitOptions.upTo(5)));
		});
		Outcome outcome = outcomeOf(caller);
		outcome.awaitReached();
		outcome.proceed.countDown();
		caller.awaitMediaPlayed("sound:press-now", WAIT);
		caller.pressDigits("42#");
		outcome.awaitSuccess();
		assertThat(outcome.values.get("digits")).isEqualTo(new Digits("42", "#", Digits.Completion.TERMINATOR));
	}

	@Test
	void theTimeOutsEndACollection() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			outcome.reach();
			outcome.values.put("inter",
					call.collectDigits(DigitOptions.upTo(5).interDigitTimeout(Duration.ofMillis(300))));
			outcome.values.put("total", call.collectDigits(DigitOptions.upTo(5).totalTimeout(Duration.ofMillis(200))));
		});
		Outcome outcome = outcomeOf(caller);
		outcome.awaitReached();
		caller.pressDigits("7");
		outcome.awaitSuccess();
		assertThat(outcome.values.get("inter"))
			.isEqualTo(new Digits("7", null, Digits.Completion.INTER_DIGIT_TIMEOUT));
		assertThat(outcome.values.get("total")).isEqualTo(new Digits("", null, Digits.Completion.TOTAL_TIMEOUT));
	}

	@Test
	void aPlaybackCanBeStoppedEarly() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			PlaybackHandle playback = call.playAsync("tone:ring");
			outcome.reach();
			outcome.awaitProceed();
			playback.stop();
			outcome.values.put("playback", playback.await());
		});
		Outcome outcome = outcomeOf(caller);
		outcome.awaitReached();
		caller.awaitMediaPlayed("tone:ring", WAIT);
		outcome.proceed.countDown();
		outcome.awaitSuccess();
		assertThat(((Playback) outcome.values.get("playback")).state()).isEqualTo("done");
		assertThat(this.simulator.requests("playbacks.stop")).hasSize(1);
	}

	@Test
	void recordReturnsTheFinishedRecording() throws Exception {
		String name = "rec-" + UUID.randomUUID();
		var caller = start((call, outcome) -> {
			call.answer();
			outcome.values.put("recording",
					call.record(name, "wav", ChannelRecordParams.builder().terminateOn("#").build()));
		});
		await().atMost(WAIT).until(() -> !this.simulator.requests("channels.record").isEmpty());
		caller.pressDigits("#");
		outcomeOf(caller).awaitSuccess();
		LiveRecording recording = (LiveRecording) outcomeOf(caller).values.get("recording");
		assertThat(recording.name()).isEqualTo(name);
		assertThat(recording.state()).isEqualTo("done");
	}

	@Test
	void dialBridgesWithTheLegUntilItHangsUpAndTheLegStartsNoScript() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			Call operator = call.dial("PJSIP/operator", Duration.ofSeconds(5));
			outcome.values.put("operator", operator.id());
			call.bridgeWith(operator);
			call.play("sound:goodbye");
		});
		var operator = this.simulator.awaitOriginated("PJSIP/operator", WAIT);
		caller.awaitBridgedWith(operator.id(), WAIT);
		assertThat(operator.inStasis()).isTrue();
		operator.hangUp();
		caller.awaitMediaPlayed("sound:goodbye", WAIT).awaitHangup(WAIT);
		outcomeOf(caller).awaitSuccess();
		assertThat(outcomeOf(caller).values.get("operator")).isEqualTo(operator.id());
		assertThat(this.scripts.started()).containsOnlyOnce(caller.args().get(0));
		assertThat(this.scripts.started()).hasSize((int) this.scripts.started().stream().distinct().count());
		await().atMost(WAIT).until(() -> !this.simulator.requests("bridges.destroy").isEmpty());
	}

	@Test
	void holdMusicOnHoldAndVariables() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			call.hold();
			call.unhold();
			call.startMoh(null);
			call.stopMoh();
			call.setVariable("QUEUE", "sales");
			outcome.values.put("set", call.getVariable("QUEUE"));
			outcome.values.put("unset", String.valueOf(call.getVariable("NEVER_SET")));
		});
		caller.awaitHangup(WAIT);
		outcomeOf(caller).awaitSuccess();
		assertThat(outcomeOf(caller).values).containsEntry("set", "sales").containsEntry("unset", "null");
		for (String operation : List.of("channels.hold", "channels.unhold", "channels.startMoh", "channels.stopMoh")) {
			assertThat(this.simulator.requests(operation)).as(operation).singleElement()
				.satisfies((request) -> assertThat(request.status()).isEqualTo(204));
		}
	}

	@Test
	void aCallContinuedInTheDialplanIsNotHungUpAndLaterVerbsThrow() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			call.continueInDialplan();
			call.play("sound:too-late");
		});
		Throwable failure = outcomeOf(caller).awaitFailure();
		assertThat(failure).isInstanceOf(CallEndedException.class);
		await().atMost(WAIT).until(() -> this.calls.getActiveCount() == 0);
		assertThat(caller.hungUp()).isFalse();
		assertThat(caller.inStasis()).isFalse();
		assertThat(this.simulator.requests("channels.hangup")).isEmpty();
		assertThat(this.simulator.requests("channels.play")).isEmpty();
		assertThat(this.metrics.failures).isEmpty();
	}

	@Test
	void aReleasedCallIsNotHungUp() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			call.release();
		});
		outcomeOf(caller).awaitSuccess();
		await().atMost(WAIT).until(() -> this.calls.getActiveCount() == 0);
		assertThat(caller.hungUp()).isFalse();
		caller.hangUp();
	}

	@Test
	void aScriptThatThrowsHalfwayHangsUpTheCallAndIsCounted() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			throw new IllegalStateException("the database is down");
		});
		caller.awaitHangup(WAIT);
		assertThat(outcomeOf(caller).awaitFailure()).hasMessage("the database is down");
		await().atMost(WAIT).until(() -> !this.metrics.failures.isEmpty());
		assertThat(this.metrics.failures).containsExactly("StasisStart/" + APP + "/ScriptedCalls.run");
	}

	@Test
	void hangingUpDuringPlayEndsTheScriptAtOnce() throws Exception {
		assertHangUpEndsVerb((call) -> call.play("tone:ring"),
				(caller) -> caller.awaitMediaPlayed("tone:ring", WAIT));
	}

	@Test
	void hangingUpDuringCollectDigitsEndsTheScriptAtOnce() throws Exception {
		assertHangUpEndsVerb((call) -> call.collectDigits(DigitOptions.upTo(4)), (caller) -> {
		});
	}

	@Test
	void hangingUpDuringAPromptEndsTheScriptAtOnce() throws Exception {
		assertHangUpEndsVerb((call) -> call.collectDigits(DigitOptions.upTo(4), "tone:ring"),
				(caller) -> caller.awaitMediaPlayed("tone:ring", WAIT));
	}

	@Test
	void hangingUpDuringRecordEndsTheScriptAtOnce() throws Exception {
		assertHangUpEndsVerb((call) -> call.record("rec-" + UUID.randomUUID(), "wav", null),
				(caller) -> await().atMost(WAIT).until(() -> !this.simulator.requests("channels.record").isEmpty()));
	}

	@Test
	void hangingUpWhileBridgedEndsTheScriptAndHangsUpTheLeg() throws Exception {
		CopyOnWriteArrayList<String> legs = new CopyOnWriteArrayList<>();
		assertHangUpEndsVerb((call) -> {
			Call leg = call.dial("PJSIP/agent", Duration.ofSeconds(5));
			legs.add(leg.id());
			call.bridgeWith(leg);
		}, (caller) -> await().atMost(WAIT).until(() -> !caller.bridgedWith().isEmpty()));
		this.simulator.call(legs.get(0)).awaitHangup(WAIT);
	}

	@Test
	void hangingUpWhileWaitingForTheEndReturnsNormally() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			outcome.reach();
			call.awaitEnd();
		});
		outcomeOf(caller).awaitReached();
		caller.hangUp();
		outcomeOf(caller).awaitSuccess();
	}

	@Test
	void everyVerbAfterTheHangUpThrowsAndHangUpDoesNot() throws Exception {
		var caller = start((call, outcome) -> {
			outcome.reach();
			outcome.awaitProceed();
			call.hangup();
			for (Runnable verb : List.<Runnable>of(call::answer, () -> call.play("sound:x"), call::hold,
					() -> call.setVariable("A", "b"), () -> call.collectDigits(DigitOptions.upTo(1)))) {
				try {
					verb.run();
					outcome.values.put("not thrown", verb);
				}
				catch (CallEndedException ex) {
					outcome.values.merge("thrown", 1, (a, b) -> (Integer) a + (Integer) b);
				}
			}
			call.answer();
		});
		Outcome outcome = outcomeOf(caller);
		outcome.awaitReached();
		caller.hangUp();
		outcome.proceed.countDown();
		assertThat(outcome.awaitFailure()).isInstanceOf(CallEndedException.class);
		assertThat(outcome.values).doesNotContainKey("not thrown").containsEntry("thrown", 5);
		assertThat(this.simulator.requests("channels.answer")).isEmpty();
		assertThat(this.metrics.failures).isEmpty();
	}

	@Test
	void scopedListenersSeeTheCallsEventsUntilClosed() throws Exception {
		CopyOnWriteArrayList<String> digits = new CopyOnWriteArrayList<>();
		var caller = start((call, outcome) -> {
			call.answer();
			ListenerRegistration registration = call.on(ChannelDtmfReceived.class, (event) -> digits.add(event.digit()));
			outcome.reach();
			outcome.values.put("first", call.collectDigits(DigitOptions.upTo(2)));
			registration.close();
			outcome.values.put("second", call.collectDigits(DigitOptions.upTo(2)));
		});
		outcomeOf(caller).awaitReached();
		caller.pressDigits("12");
		await().atMost(WAIT).until(() -> outcomeOf(caller).values.containsKey("first"));
		caller.pressDigits("34");
		outcomeOf(caller).awaitSuccess();
		assertThat(digits).containsExactly("1", "2");
		assertThat(outcomeOf(caller).values.get("second")).isEqualTo(new Digits("34", null, Digits.Completion.MAX_DIGITS));
	}

	@Test
	void blockingWaitsRefuseToRunInAnEventHandler() throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			outcome.reach();
			call.awaitEnd();
		});
		outcomeOf(caller).awaitReached();
		caller.pressDigits("*");
		await().atMost(WAIT).until(() -> !this.handler.failures.isEmpty());
		assertThat(this.handler.failures).singleElement()
			.satisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("cannot wait inside an ARI event handler"));
		caller.hangUp();
	}

	private void assertHangUpEndsVerb(Verb verb, CallerStep inProgress) throws Exception {
		var caller = start((call, outcome) -> {
			call.answer();
			outcome.reach();
			verb.run(call);
			outcome.values.put("returned", true);
		});
		Outcome outcome = outcomeOf(caller);
		outcome.awaitReached();
		inProgress.await(caller);
		Thread.sleep(50);
		caller.hangUp();
		long hungUp = System.nanoTime();
		Throwable failure = outcome.awaitFailure();
		assertThat(failure).isInstanceOf(CallEndedException.class);
		assertThat(((CallEndedException) failure).getChannelId()).isEqualTo(caller.id());
		// At once, not at the verb's own end: the shortest of those is 5 s away (the dial's
		// time-out, the digits' inter-digit time-out). The bound leaves room for a loaded machine.
		assertThat(TimeUnit.NANOSECONDS.toMillis(outcome.endedAt - hungUp)).as("ms from StasisEnd to the exception")
			.isLessThan(1000);
		assertThat(outcome.values).doesNotContainKey("returned");
		assertThat(this.metrics.failures).isEmpty();
	}

	private io.github.arispring.test.simulator.Call start(ScriptedCalls.Script script) {
		String name = "script-" + UUID.randomUUID();
		this.scripts.register(name, script);
		return this.simulator.incomingCall("+15550100").withArgs(name).into(APP);
	}

	private Outcome outcomeOf(io.github.arispring.test.simulator.Call caller) {
		return this.scripts.outcome(caller.args().get(0));
	}

	@FunctionalInterface
	interface Verb {

		void run(Call call) throws Exception;

	}

	@FunctionalInterface
	interface CallerStep {

		void await(io.github.arispring.test.simulator.Call caller) throws Exception;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		ScriptedCalls scriptedCalls() {
			return new ScriptedCalls();
		}

		@Bean
		RecordingMetrics recordingMetrics() {
			return new RecordingMetrics();
		}

		@Bean
		WaitingHandler waitingHandler(AriCalls calls) {
			return new WaitingHandler(calls);
		}

	}

	/** An ordinary handler that tries to wait for a playback on its own lane. */
	static class WaitingHandler {

		final List<Throwable> failures = new CopyOnWriteArrayList<>();

		private final AriCalls calls;

		WaitingHandler(AriCalls calls) {
			this.calls = calls;
		}

		@StasisEventHandler(condition = "#event.digit == '*'")
		void onStar(ChannelDtmfReceived event, AriEventSource source) {
			PlaybackHandle playback = this.calls.playback(source, "never-played");
			try {
				playback.await();
			}
			catch (RuntimeException ex) {
				this.failures.add(ex);
			}
			finally {
				playback.close();
			}
		}

	}

}
