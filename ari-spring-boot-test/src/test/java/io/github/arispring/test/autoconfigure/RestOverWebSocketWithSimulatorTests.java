package io.github.arispring.test.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.event.StasisStart;
import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application whose REST calls go over the events WebSocket
 * ({@code ari.rest.transport=websocket}) handles a call on the simulator as it would over HTTP.
 */
@SpringBootTest(classes = RestOverWebSocketWithSimulatorTests.TestApplication.class,
		properties = { "ari.applications=ivr", "ari.rest.transport=websocket" })
@AutoConfigureAriSimulator(mediaDuration = "20ms")
class RestOverWebSocketWithSimulatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Autowired
	private AriSimulator simulator;

	@Autowired
	private WebSocketRestConnector connector;

	@Test
	void handlerCallsShouldGoOverTheEventsWebSocket() {
		await().atMost(TIMEOUT).until(this.connector::isAnswering);
		Call call = this.simulator.incomingCall("+15551234").into("ivr").awaitAnswered(TIMEOUT);
		call.awaitHangup(TIMEOUT);
		assertThat(call.mediaPlayed()).containsExactly("sound:hello-world");
		assertThat(this.simulator.requests("channels.answer")).singleElement()
			.satisfies((request) -> assertThat(request.status()).isEqualTo(204));
		// the simulator has hung up; the answer to the hang-up may still be on its way
		await().atMost(TIMEOUT).until(() -> this.connector.getInFlightCount() == 0);
		assertThat(this.connector.getLateAnswerCount()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Ivr ivr() {
			return new Ivr();
		}

	}

	static class Ivr {

		@StasisEventHandler
		void onStart(StasisStart event, AriClient ari) {
			String channel = event.channel().id();
			ari.channels().answer(channel);
			ari.channels().play(channel, List.of("sound:hello-world"));
			ari.channels().hangup(channel);
		}

	}

}
