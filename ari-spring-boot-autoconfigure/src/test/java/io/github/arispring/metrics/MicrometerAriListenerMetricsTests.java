package io.github.arispring.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerAriListenerMetrics}.
 */
class MicrometerAriListenerMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerAriListenerMetrics metrics = new MicrometerAriListenerMetrics(this.registry);

	@Test
	void createShouldRegisterConnectionMetersAtOnce() {
		assertThat(this.registry.get("ari.websocket.connected").gauge().value()).isZero();
		assertThat(this.registry.get("ari.websocket.reconnects").counter().count()).isZero();
		assertThat(this.registry.find("ari.events.received").meters()).isEmpty();
	}

	@Test
	void eventReceivedShouldCountByTypeAndApplication() {
		this.metrics.eventReceived("StasisStart", "hello-world");
		this.metrics.eventReceived("StasisStart", "hello-world");
		this.metrics.eventReceived("StasisEnd", "hello-world");
		this.metrics.eventReceived("StasisStart", "ivr");
		assertThat(received("StasisStart", "hello-world").count()).isEqualTo(2);
		assertThat(received("StasisEnd", "hello-world").count()).isEqualTo(1);
		assertThat(received("StasisStart", "ivr").count()).isEqualTo(1);
		assertThat(this.registry.find("ari.events.received").counters()).hasSize(3);
		assertThat(this.registry.get("ari.events.received").counter().getId().getDescription()).isNotBlank();
	}

	@Test
	void eventReceivedWithoutApplicationShouldTagNone() {
		this.metrics.eventReceived("DeviceStateChanged", null);
		this.metrics.eventReceived("DeviceStateChanged", "");
		assertThat(received("DeviceStateChanged", "none").count()).isEqualTo(2);
	}

	@Test
	void eventDroppedShouldCountByTypeAndApplication() {
		this.metrics.eventDropped("ChannelVarset", "hello-world");
		assertThat(this.registry.get("ari.events.dropped")
			.tag("type", "ChannelVarset")
			.tag("application", "hello-world")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.find("ari.events.received").meters()).isEmpty();
	}

	@Test
	void frameRejectedShouldCountByReason() {
		this.metrics.frameRejected("malformed");
		this.metrics.frameRejected("unknown-type");
		this.metrics.frameRejected("unknown-type");
		assertThat(this.registry.get("ari.events.rejected").tag("reason", "malformed").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("ari.events.rejected").tag("reason", "unknown-type").counter().count())
			.isEqualTo(2);
	}

	@Test
	void connectionChangedShouldSetGauge() {
		this.metrics.connectionChanged(true);
		assertThat(this.registry.get("ari.websocket.connected").gauge().value()).isEqualTo(1);
		this.metrics.connectionChanged(false);
		assertThat(this.registry.get("ari.websocket.connected").gauge().value()).isZero();
	}

	@Test
	void reconnectAttemptedShouldCount() {
		this.metrics.reconnectAttempted();
		this.metrics.reconnectAttempted();
		assertThat(this.registry.get("ari.websocket.reconnects").counter().count()).isEqualTo(2);
	}

	@Test
	void eventReceivedWhenTooManyDistinctTagsShouldFoldTheRestIntoOther() {
		for (int i = 0; i < MicrometerAriListenerMetrics.MAX_TAG_VALUES + 5; i++) {
			this.metrics.eventReceived("Type" + i, "app");
		}
		this.metrics.eventReceived("Type0", "app");
		assertThat(this.registry.find("ari.events.received").counters())
			.hasSize(MicrometerAriListenerMetrics.MAX_TAG_VALUES + 1);
		assertThat(received("other", "other").count()).isEqualTo(5);
		assertThat(received("Type0", "app").count()).isEqualTo(2);
	}

	@Test
	void frameRejectedWhenTooManyReasonsShouldFoldTheRestIntoOther() {
		for (int i = 0; i < MicrometerAriListenerMetrics.MAX_TAG_VALUES + 3; i++) {
			this.metrics.frameRejected("reason" + i);
		}
		assertThat(this.registry.get("ari.events.rejected").tag("reason", "other").counter().count()).isEqualTo(3);
	}

	@Test
	void eventReceivedFromManyThreadsShouldCountEveryEvent() throws Exception {
		int threads = 4;
		int events = 20_000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < events; i++) {
						this.metrics.eventReceived((i % 2 == 0) ? "StasisStart" : "StasisEnd", "app" + (i % 3));
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		double total = this.registry.find("ari.events.received").counters().stream().mapToDouble(Counter::count).sum();
		assertThat(total).isEqualTo(threads * events);
		assertThat(this.registry.find("ari.events.received").counters()).hasSize(6);
	}

	private Counter received(String type, String application) {
		return this.registry.get("ari.events.received").tag("type", type).tag("application", application).counter();
	}

}
