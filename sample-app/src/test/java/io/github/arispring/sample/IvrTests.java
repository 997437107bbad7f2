package io.github.arispring.sample;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.arispring.call.AriCalls;
import io.github.arispring.health.AriHealthIndicator;
import io.github.arispring.test.autoconfigure.AutoConfigureAriSimulator;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every branch of the sample IVR, through the ARI simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "sample.demo.enabled=false")
@AutoConfigureAriSimulator(mediaDuration = "100ms", answerDelay = "200ms")
class IvrTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String OPERATOR = "Local/operator@default";


	@Autowired
	private AriSimulator simulator;

	@Autowired
	private AriCalls calls;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private AriHealthIndicator health;

	@AfterEach
	void noCallLeftAndNoHandlerFailed() {
		await().atMost(WAIT).until(() -> this.calls.getActiveCount() == 0);
		assertThat(this.meters.find("ari.events.failed").counters()).isEmpty();
		this.simulator.reset();
	}

	@Test
	void digitsThenHashShouldBeReadBackThenHungUp() {
		Call call = dial("+15551234");
		call.awaitMediaPlayed("sound:hello-world", WAIT);
		call.pressDigits("123#");
		call.awaitHangup(WAIT);
		assertThat(call.answered()).isTrue();
		assertThat(call.mediaPlayed()).containsExactly("sound:hello-world", "digits:123");
		assertThat(call.bridgedWith()).isEmpty();
	}

	@Test
	void hashAloneShouldHangUpWithoutReadBack() {
		Call call = dial("+15551235");
		call.awaitMediaPlayed("sound:hello-world", WAIT);
		call.pressDigits("#");
		call.awaitHangup(WAIT);
		assertThat(call.mediaPlayed()).containsExactly("sound:hello-world");
	}

	@Test
	void zeroAfterDigitsShouldBeCollectedAsADigit() {
		Call call = dial("+15551236");
		call.awaitMediaPlayed("sound:hello-world", WAIT);
		call.pressDigits("10#");
		call.awaitHangup(WAIT);
		assertThat(call.mediaPlayed()).containsExactly("sound:hello-world", "digits:10");
		assertThat(this.simulator.requests("channels.originate")).isEmpty();
	}

	@Test
	void zeroShouldBridgeTheCallerWithTheOperatorUntilTheCallerHangsUp() {
		Call call = dial("+15551237");
		call.awaitMediaPlayed("sound:hello-world", WAIT);
		call.pressDigits("0");
		Call operator = operatorOf(call);
		call.awaitBridgedWith(operator.id(), WAIT);
		assertThat(operator.args()).containsExactly(Ivr.OPERATOR_ARG, call.id());
		String bridge = call.bridgeId().orElseThrow();
		// digits while bridged are not IVR input
		call.pressDigits("5#");
		call.hangUp();
		operator.awaitHangup(WAIT);
		assertThat(call.mediaPlayed()).containsExactly("sound:hello-world");
		await().atMost(WAIT).until(() -> this.simulator.requests("bridges.destroy")
			.stream()
			.anyMatch((request) -> request.path().endsWith("/bridges/" + bridge)));
	}

	@Test
	void operatorHangingUpShouldHangUpTheCaller() {
		Call call = dial("+15551238");
		call.pressDigits("0");
		Call operator = operatorOf(call);
		call.awaitBridgedWith(operator.id(), WAIT);
		operator.hangUp();
		call.awaitHangup(WAIT);
	}

	@Test
	void operatorAnsweringAfterTheCallerLeftShouldBeHungUp() {
		Call call = dial("+15551239");
		call.pressDigits("0");
		Call operator = operatorOf(call);
		call.hangUp();
		operator.awaitHangup(WAIT);
		assertThat(operator.bridgedWith()).isEmpty();
	}

	@Test
	void callerHangingUpDuringTheGreetingShouldEndCleanly() {
		Call call = this.simulator.incomingCall("+15551240").into("sample-ivr");
		call.hangUp();
		call.awaitHangup(WAIT);
	}

	@Test
	void eachOperatorCallShouldBeBridgedWithItsOwnOperator() {
		for (String number : List.of("+15551241", "+15551242")) {
			Call call = dial(number);
			call.pressDigits("0");
			Call operator = this.simulator.awaitOriginated(OPERATOR, WAIT);
			call.awaitBridgedWith(operator.id(), WAIT);
			assertThat(operator.args()).containsExactly(Ivr.OPERATOR_ARG, call.id());
			call.hangUp();
			operator.awaitHangup(WAIT);
		}
	}

	@Test
	void healthShouldBeUpWithAsteriskVersion() {
		await().atMost(WAIT).until(() -> this.health.health().block(WAIT).getStatus() == Status.UP);
		assertThat(this.health.health().block(WAIT).getDetails()).containsEntry("applications", List.of("sample-ivr"))
			.containsEntry("version", "23.4.1");
	}

	private Call operatorOf(Call caller) {
		Call operator = this.simulator.awaitCall((call) -> call.args().contains(caller.id()), "operator of " + caller.id(),
				WAIT);
		assertThat(operator.endpoint()).isEqualTo(OPERATOR);
		return operator;
	}

	private Call dial(String number) {
		return this.simulator.incomingCall(number).into("sample-ivr").awaitAnswered(WAIT);
	}

}
