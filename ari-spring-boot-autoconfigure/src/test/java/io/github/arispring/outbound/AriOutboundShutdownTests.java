package io.github.arispring.outbound;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.github.arispring.AriSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the graceful stop of {@link AriOutboundConnections}: new sockets are refused with
 * 503 while calls in progress finish on theirs.
 */
class AriOutboundShutdownTests {

	@Test
	void stoppingShouldRefuseNewSocketsAndLetCallsInProgressEnd() throws Exception {
		OutboundApp app = OutboundApp.start("ari.outbound.shutdown-timeout=20s");
		OutboundAsterisk call = OutboundAsterisk.connect(app.uri(), null);
		call.send(AriSamples.lines("outbound/per-call/frames.jsonl").subList(0, 2));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> app.connections().forChannel("1795836652.48").isPresent());
		AriOutboundConnections connections = app.connections();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
		await().atMost(Duration.ofSeconds(5)).until(() -> !connections.isAccepting());
		assertThat(OutboundAsterisk.status(app.uri(), null)).isEqualTo(503);
		assertThat(closing).isNotDone();
		assertThat(call.awaitClosed(Duration.ofMillis(300))).as("the call in progress keeps its socket").isNull();
		call.closeNormally();
		closing.get();
		assertThat(call.awaitClosed(Duration.ofSeconds(5))).isEqualTo(1000);
		assertThat(connections.getActiveCount()).isZero();
	}

}
