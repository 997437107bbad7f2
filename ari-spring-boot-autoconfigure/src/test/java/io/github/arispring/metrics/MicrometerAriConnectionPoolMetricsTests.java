package io.github.arispring.metrics;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.AriSamples;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.model.AsteriskPing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MicrometerAriConnectionPoolMetrics}: the gauges follow the pool while
 * requests wait for, use and give back connections.
 */
class MicrometerAriConnectionPoolMetricsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AriConnectionPool pool = AriConnectionPool.builder("ari-default").maxConnections(1).build();

	private final WireMockServer asterisk = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

	@AfterEach
	void stop() {
		this.pool.close();
		this.asterisk.stop();
	}

	@Test
	void gaugesShouldFollowThePool() {
		new MicrometerAriConnectionPoolMetrics(this.registry, this.pool, "default");
		assertThat(gauge("ari.http.pool.max")).isEqualTo(1);
		assertThat(gauge("ari.http.pool.max.pending")).isEqualTo(10_000);
		assertThat(gauge("ari.http.pool.active")).isZero();
		this.asterisk.start();
		this.asterisk.stubFor(get("/ari/asterisk/ping")
			.willReturn(okJson(AriSamples.read("rest/asterisk/ping.json")).withFixedDelay(1000)));
		ReactiveAriClient ari = ReactiveAriClient.create(AriClientFactory.create(WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.pool.connectionProvider()))),
				this.asterisk.baseUrl(), "asterisk", "secret", this.pool));
		List<Mono<AsteriskPing>> pings = IntStream.range(0, 3).mapToObj((i) -> ari.asterisk().ping().cache()).toList();
		pings.forEach(Mono::subscribe);
		await().atMost(TIMEOUT).until(() -> gauge("ari.http.pool.active") == 1 && gauge("ari.http.pool.pending") == 2);
		assertThat(gauge("ari.http.pool.idle")).isZero();
		pings.forEach((ping) -> ping.block(TIMEOUT));
		await().atMost(TIMEOUT)
			.until(() -> gauge("ari.http.pool.idle") == 1 && gauge("ari.http.pool.active") == 0
					&& gauge("ari.http.pool.pending") == 0);
		assertThat(this.registry.get("ari.http.pool.active").gauge().getId().getDescription()).isNotBlank();
	}

	private double gauge(String name) {
		return this.registry.get(name).tag("server", "default").gauge().value();
	}

}
