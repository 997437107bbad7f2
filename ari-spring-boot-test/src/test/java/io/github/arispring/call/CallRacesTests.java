package io.github.arispring.call;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.call.ScriptedCalls.Outcome;
import io.github.arispring.client.ChannelRecordParams;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;
import io.github.arispring.test.autoconfigure.AriSimulatorAutoConfiguration;
import io.github.arispring.test.simulator.AriSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verbs whose events overtake the REST answer (as on a real Asterisk), dialling that times
 * out or that the caller abandons, and the reactive twin.
 */
class CallRacesTests {

	private static final String APP = "races";

	private static final Duration WAIT = ScriptedCalls.WAIT;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriSimulatorAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.applications=" + APP);

	@Test
	void playbackFinishedBeforeThePlayAnswerIsNotMissed() {
		// Media of 10 ms and answers delayed by 300 ms: PlaybackFinished always comes first.
		AriSimulator simulator = AriSimulator.builder()
			.mediaDuration(Duration.ofMillis(10))
			.responseDelay(Duration.ofMillis(300))
			.build();
		this.contextRunner.withBean(AriSimulator.class, () -> simulator).withBean(ScriptedCalls.class).run((context) -> {
			ScriptedCalls scripts = context.getBean(ScriptedCalls.class);
			Outcome outcome = scripts.register("play", (call, o) -> {
				long start = System.nanoTime();
				Playback played = call.play("sound:hello-world");
				o.values.put("state", played.state());
				o.values.put("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
				String name = "race-" + UUID.randomUUID();
				LiveRecording recording = call.record(name, "wav",
						ChannelRecordParams.builder().maxDurationSeconds(1).build());
				o.values.put("recording", recording.state());
			});
			var caller = simulator.incomingCall("+15550001").withArgs("play").into(APP);
			outcome.awaitSuccess();
			assertThat(outcome.values).containsEntry("state", "done").containsEntry("recording", "done");
			assertThat((Long) outcome.values.get("ms")).isGreaterThanOrEqualTo(300);
			caller.awaitHangup(WAIT);
		});
	}

	@Test
	void aLegThatAnswersBeforeTheOriginateAnswerIsNotMissed() {
		AriSimulator simulator = AriSimulator.builder()
			.answerDelay(Duration.ofMillis(10))
			.responseDelay(Duration.ofMillis(300))
			.build();
		this.contextRunner.withBean(AriSimulator.class, () -> simulator).withBean(ScriptedCalls.class).run((context) -> {
			Outcome outcome = context.getBean(ScriptedCalls.class).register("dial", (call, o) -> {
				Call leg = call.dial("PJSIP/bob", Duration.ofSeconds(5));
				o.values.put("leg", leg.id());
			});
			simulator.incomingCall("+15550002").withArgs("dial").into(APP);
			outcome.awaitSuccess();
			var leg = simulator.call((String) outcome.values.get("leg"));
			leg.awaitHangup(WAIT);
			assertThat(leg.endpoint()).isEqualTo("PJSIP/bob");
		});
	}

	@Test
	void aDialThatIsNotAnsweredInTimeFailsAndHangsUpTheLeg() {
		AriSimulator simulator = AriSimulator.builder().answerDelay(Duration.ofSeconds(5)).build();
		this.contextRunner.withBean(AriSimulator.class, () -> simulator).withBean(ScriptedCalls.class).run((context) -> {
			Outcome outcome = context.getBean(ScriptedCalls.class).register("no-answer", (call, o) -> {
				try {
					call.dial("PJSIP/nobody", Duration.ofMillis(300));
				}
				catch (DialFailedException ex) {
					o.values.put("failure", ex.getMessage());
				}
			});
			var caller = simulator.incomingCall("+15550003").withArgs("no-answer").into(APP);
			outcome.awaitSuccess();
			assertThat((String) outcome.values.get("failure")).contains("PJSIP/nobody", "no answer within 300 ms");
			simulator.awaitOriginated("PJSIP/nobody", WAIT).awaitHangup(WAIT);
			caller.awaitHangup(WAIT);
		});
	}

	@Test
	void theCallerHangingUpWhileTheLegRingsEndsTheScriptAndHangsUpTheLeg() {
		AriSimulator simulator = AriSimulator.builder().answerDelay(Duration.ofSeconds(5)).build();
		this.contextRunner.withBean(AriSimulator.class, () -> simulator).withBean(ScriptedCalls.class).run((context) -> {
			Outcome outcome = context.getBean(ScriptedCalls.class).register("abandon", (call, o) -> {
				call.dial("PJSIP/slow", Duration.ofSeconds(30));
			});
			var caller = simulator.incomingCall("+15550004").withArgs("abandon").into(APP);
			var leg = simulator.awaitOriginated("PJSIP/slow", WAIT);
			caller.hangUp();
			long hungUp = System.nanoTime();
			assertThat(outcome.awaitFailure()).isInstanceOf(CallEndedException.class);
			assertThat(TimeUnit.NANOSECONDS.toMillis(outcome.endedAt - hungUp)).isLessThan(100);
			leg.awaitHangup(WAIT);
		});
	}

	@Test
	void aReactiveScriptComposesTheSameVerbs() {
		AriSimulator simulator = AriSimulator.builder().mediaDuration(Duration.ofMillis(20)).build();
		CompletableFuture<Digits> collected = new CompletableFuture<>();
		this.contextRunner.withBean(AriSimulator.class, () -> simulator)
			.withBean(ReactiveScript.class, () -> new ReactiveScript(collected))
			.withPropertyValues("ari.applications=reactive")
			.run((context) -> {
				var caller = simulator.incomingCall("+15550005").into("reactive");
				caller.awaitMediaPlayed("sound:hello-world", WAIT);
				caller.pressDigits("9#");
				caller.awaitHangup(WAIT);
				assertThat(collected.get(10, TimeUnit.SECONDS)).isEqualTo(new Digits("9", "#", Digits.Completion.TERMINATOR));
				assertThat(caller.mediaPlayed()).containsExactly("sound:hello-world", "digits:9");
				await().atMost(WAIT).until(() -> context.getBean(AriCalls.class).getActiveCount() == 0);
			});
	}

	/** The IVR's first steps as a reactive script. */
	static class ReactiveScript {

		private final CompletableFuture<Digits> collected;

		ReactiveScript(CompletableFuture<Digits> collected) {
			this.collected = collected;
		}

		@StasisCall("reactive")
		Mono<Void> handle(ReactiveCall call) {
			return call.answer()
				.then(call.play("sound:hello-world"))
				.then(call.collectDigits(DigitOptions.upTo(4)))
				.doOnNext(this.collected::complete)
				.flatMap((digits) -> call.play("digits:" + digits.value()))
				.then();
		}

	}

}
