package io.github.arispring.health;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import io.github.arispring.AriSamples;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.ReactiveAsteriskApi;
import io.github.arispring.event.ApplicationReplaced;
import io.github.arispring.listener.AriApplicationReplacedEvent;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.listener.AriEventReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With several servers, each server's health shows only its own applications in standby,
 * though one {@link AriApplicationTakeover} watches every server.
 */
class AriHealthIndicatorStandbyTests {

	private final AriEventDispatcher dispatcher = new AriEventDispatcher(Executors.newSingleThreadExecutor(), 100);

	private final AriEventListenerContainer east = container("east");

	private final AriEventListenerContainer west = container("west");

	private final AriApplicationTakeover takeover = new AriApplicationTakeover(Duration.ofMinutes(1));

	@AfterEach
	void stop() {
		this.takeover.stop();
		this.east.stop();
		this.west.stop();
	}

	@Test
	void standbyOfOneServerShouldAppearInItsHealthAlone() {
		this.takeover.start();
		this.east.start();
		this.west.start();
		ApplicationReplaced replaced = (ApplicationReplaced) new AriEventReader()
			.read(AriSamples.read("events/ApplicationReplaced.json").getBytes(StandardCharsets.UTF_8));
		this.takeover.onApplicationEvent(new AriApplicationReplacedEvent(this.east, replaced));
		assertThat(this.takeover.getStandbyApplications(this.east)).containsOnlyKeys("flow6");
		assertThat(this.takeover.getStandbyApplications(this.west)).isEmpty();
		assertThat(this.takeover.getStandbyApplications()).containsOnlyKeys("flow6");
		assertThat(health(this.east).getDetails()).containsKey("standby");
		assertThat(health(this.west).getDetails()).doesNotContainKey("standby");
	}

	private Health health(AriEventListenerContainer container) {
		// not called: a listener that is not connected is DOWN without asking Asterisk
		ReactiveAsteriskApi asterisk = AriClientFactory.builder("http://127.0.0.1:1").build()
			.create(ReactiveAsteriskApi.class);
		return new AriHealthIndicator(container, asterisk, Duration.ofSeconds(1), this.takeover).health()
			.block(Duration.ofSeconds(5));
	}

	private AriEventListenerContainer container(String server) {
		// nothing listens there: the listener runs and keeps trying
		return new AriEventListenerContainer(new ReactorNettyWebSocketClient(),
				URI.create("ws://127.0.0.1:1/" + server + "/ari/events"), null, null, List.of("flow6"), false,
				this.dispatcher);
	}

}
