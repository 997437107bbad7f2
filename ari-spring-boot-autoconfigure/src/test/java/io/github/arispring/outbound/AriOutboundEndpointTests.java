package io.github.arispring.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.arispring.AriSamples;
import io.github.arispring.event.ApplicationRegistered;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.event.UnknownEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link AriOutboundEndpoint} on a real reactive web server, with Asterisk's side
 * played from the frames captured from Asterisk 23.4.1 ({@code outbound/}).
 */
class AriOutboundEndpointTests {

	private static final String PER_CALL_APP = "per-call-app:Local/per-call-app@stasis-app-00000017;2";

	private static List<String> perCallEvents() {
		return AriSamples.lines("outbound/per-call/frames.jsonl")
			.stream()
			.filter((frame) -> !frame.contains("\"RESTResponse\""))
			.toList();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void perCallConnectionShouldReachHandlersOfItsConfiguredApplicationAndCloseCleanly() throws Exception {
		try (OutboundApp app = OutboundApp.start()) {
			OutboundAsterisk asterisk = OutboundAsterisk.connect(app.uri(), null);
			assertThat(asterisk.subprotocol()).isEqualTo("ari");
			asterisk.send(perCallEvents());
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(app.recorder().perCallEvents).hasSize(6));
			// Application events and channel events run in different lanes: no order between them.
			assertThat(app.recorder().perCallEvents).filteredOn(ApplicationRegistered.class::isInstance).hasSize(1);
			List<AriEvent> channelEvents = app.recorder().perCallEvents.stream()
				.filter((event) -> !(event instanceof ApplicationRegistered))
				.toList();
			assertThat(channelEvents).first().isInstanceOf(StasisStart.class);
			assertThat(channelEvents).last().isInstanceOf(StasisEnd.class);
			assertThat(app.recorder().perCallEvents).allSatisfy(
					(event) -> assertThat(event.application()).isEqualTo(PER_CALL_APP));
			AriOutboundConnection connection = app.connections()
				.forChannel("Local/per-call-app@stasis-app-00000017;2")
				.orElseThrow();
			assertThat(connection.isPerCall()).isTrue();
			assertThat(connection.baseApplication()).isEqualTo("per-call-app");
			assertThat(app.connections().forChannel("1795836652.48")).containsSame(connection);
			assertThat(app.recorder().sources.get("1795836652.48")).isSameAs(connection.source());
			assertThat(app.meters().get("ari.outbound.connections.active").gauge().value()).isEqualTo(1);
			assertThat(app.meters().get("ari.events.received").tag("application", "per-call-app")
				.tag("type", "StasisStart").counter().count()).isEqualTo(1);

			asterisk.closeNormally();
			assertThat(asterisk.awaitClosed(Duration.ofSeconds(5))).isEqualTo(1000);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(app.connections().getActiveCount()).isZero());
			assertThat(app.connections().forChannel("1795836652.48")).isEmpty();
			assertThat(app.meters().get("ari.outbound.connections.opened").counter().count()).isEqualTo(1);
			assertThat(app.meters().get("ari.outbound.connections.closed").tag("reason", "normal").counter().count())
				.isEqualTo(1);
			assertThat(app.meters().get("ari.outbound.connections.active").gauge().value()).isZero();
		}
	}

	@Test
	void malformedAndUnknownFramesShouldBeCountedAndTheConnectionGoOn() throws Exception {
		try (OutboundApp app = OutboundApp.start()) {
			OutboundAsterisk asterisk = OutboundAsterisk.connect(app.uri(), null);
			List<String> events = perCallEvents();
			asterisk.send("{\"type\": ");
			asterisk.send("[1, 2]");
			asterisk.send(events.get(0).replaceFirst("\"type\":\\s*\"[A-Za-z]+\"", "\"type\":\"ChannelFromTheFuture\""));
			asterisk.send(events);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(app.recorder().perCallEvents).hasSize(7));
			// the unknown type is delivered all the same, as an UnknownEvent
			assertThat(app.recorder().perCallEvents).filteredOn(UnknownEvent.class::isInstance)
				.singleElement()
				.satisfies((event) -> assertThat(event.type()).isEqualTo("ChannelFromTheFuture"));
			assertThat(app.meters().get("ari.events.rejected").tag("reason", "malformed").counter().count())
				.isEqualTo(2);
			assertThat(app.meters().get("ari.events.rejected").tag("reason", "unknown-type").counter().count())
				.isEqualTo(1);
			assertThat(app.connections().getActiveCount()).isEqualTo(1);
		}
	}

	@Test
	void upgradeWithoutOrWithWrongCredentialsShouldBeRefusedWith401() {
		try (OutboundApp app = OutboundApp.start("ari.outbound.username=asterisk", "ari.outbound.password=asterisk")) {
			assertThat(OutboundAsterisk.status(app.uri(), null)).isEqualTo(401);
			assertThat(OutboundAsterisk.status(app.uri(), basic("asterisk", "wrong"))).isEqualTo(401);
			assertThat(OutboundAsterisk.status(app.uri(), basic("other", "asterisk"))).isEqualTo(401);
			assertThat(OutboundAsterisk.status(app.uri(), "Basic !!notbase64")).isEqualTo(401);
			assertThat(app.connections().getActiveCount()).isZero();
			assertThat(app.meters().get("ari.outbound.connections.refused").tag("reason", "unauthorized")
				.counter().count()).isEqualTo(4);
			// The header captured from Asterisk (asterisk:asterisk).
			OutboundAsterisk asterisk = OutboundAsterisk.connect(app.uri(), "Basic YXN0ZXJpc2s6YXN0ZXJpc2s=");
			assertThat(asterisk.subprotocol()).isEqualTo("ari");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(app.connections().getActiveCount()).isEqualTo(1));
			asterisk.closeNormally();
			assertThat(asterisk.awaitClosed(Duration.ofSeconds(5))).isEqualTo(1000);
		}
	}

	@Test
	void persistentApplicationShouldShowInHealthAndGoDownWhenItStaysDisconnected() throws Exception {
		try (OutboundApp app = OutboundApp.start("ari.outbound.persistent-applications=outbound-app",
				"ari.outbound.persistent-grace-period=300ms")) {
			OutboundAsterisk asterisk = OutboundAsterisk.connect(app.uri(), null);
			asterisk.send(AriSamples.lines("outbound/persistent/connection-1/frames.jsonl").get(0));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(app.connections().forApplication("outbound-app")).isPresent());
			assertThat(app.connections().forApplication("outbound-app").get().isPerCall()).isFalse();
			assertThat(app.connections().getDisconnectedSince("outbound-app")).isNull();
			asterisk.send(AriSamples.lines("outbound/persistent/connection-1/frames.jsonl").get(1));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(app.recorder().allEvents).hasAtLeastOneElementOfType(StasisStart.class));
			asterisk.closeNormally();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(app.connections().getDisconnectedSince("outbound-app")).isNotNull());
		}
	}

}
