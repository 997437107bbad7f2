package io.github.arispring.listener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.autoconfigure.AriAutoConfiguration;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.ChannelDtmfReceived;
import io.github.arispring.event.StasisStart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Events carry their source: handlers receive the clients of the Asterisk that sent the
 * event, and the same channel id from two sources is two lanes.
 */
class AriEventSourceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriAutoConfiguration.class))
		.withPropertyValues("ari.url=http://localhost:1", "ari.username=u", "ari.password=p",
				"ari.applications=flow3", "ari.listener.auto-startup=false")
		.withUserConfiguration(SourceHandlers.class);

	@Test
	void handlerShouldReceiveTheClientsOfTheEventsSource() {
		this.contextRunner.run((context) -> {
			AriEventDispatcher dispatcher = context.getBean(AriEventDispatcher.class);
			SourceHandlers handlers = context.getBean(SourceHandlers.class);
			AriEventSource east = source("east");
			AriEventSource west = source("west");
			dispatcher.dispatch(stasisStart(), east);
			dispatcher.dispatch(stasisStart(), west);
			dispatcher.dispatch(stasisStart());
			await().atMost(Duration.ofSeconds(5)).until(() -> handlers.clients.size() == 3);
			assertThat(handlers.clients).containsEntry("east", east.client())
				.containsEntry("west", west.client())
				.containsEntry(AriEventSource.DEFAULT_NAME, context.getBean(AriClient.class));
			assertThat(handlers.reactiveClients).containsEntry("east", east.reactiveClient())
				.containsEntry(AriEventSource.DEFAULT_NAME, context.getBean(ReactiveAriClient.class));
		});
	}

	@Test
	void sameChannelIdFromTwoSourcesShouldRunInTwoLanes() {
		this.contextRunner.run((context) -> {
			AriEventDispatcher dispatcher = context.getBean(AriEventDispatcher.class);
			SourceHandlers handlers = context.getBean(SourceHandlers.class);
			ChannelDtmfReceived dtmf = dtmf();
			// east's handler blocks its lane until west's event for the same channel id has run
			dispatcher.dispatch(dtmf, source("east"));
			dispatcher.dispatch(dtmf, source("west"));
			assertThat(handlers.westRan.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(handlers.eastDone.await(5, TimeUnit.SECONDS)).isTrue();
		});
	}

	@Test
	void sourceWithoutClientsShouldSaySo() {
		assertThatIllegalStateException().isThrownBy(() -> AriEventSource.withoutClients("bench").client())
			.withMessageContaining("'bench' has no client");
	}

	private static AriEventSource source(String name) {
		AriClientFactory factory = AriClientFactory.create(WebClient.builder(), "http://" + name + ":8088", null, null);
		return AriEventSource.of(name, () -> AriClient.create(factory), () -> ReactiveAriClient.create(factory));
	}

	private static StasisStart stasisStart() {
		return (StasisStart) read(FakeAsterisk.frames("flows/3-dtmf-received.jsonl").stream()
			.filter((frame) -> frame.contains("\"StasisStart\""))
			.findFirst()
			.orElseThrow());
	}

	private static ChannelDtmfReceived dtmf() {
		return (ChannelDtmfReceived) read(FakeAsterisk.frames("flows/3-dtmf-received.jsonl").stream()
			.filter((frame) -> frame.contains("\"ChannelDtmfReceived\""))
			.findFirst()
			.orElseThrow());
	}

	private static AriEvent read(String frame) {
		return JSON.readValue(frame, AriEvent.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class SourceHandlers {

		final Map<String, AriClient> clients = new ConcurrentHashMap<>();

		final Map<String, ReactiveAriClient> reactiveClients = new ConcurrentHashMap<>();

		final CountDownLatch westRan = new CountDownLatch(1);

		final CountDownLatch eastDone = new CountDownLatch(1);

		@StasisEventHandler
		void start(StasisStart event, AriClient ari, ReactiveAriClient reactive, AriEventSource source) {
			this.clients.put(source.name(), ari);
			this.reactiveClients.put(source.name(), reactive);
		}

		@StasisEventHandler
		void dtmf(ChannelDtmfReceived event, AriEventSource source) throws InterruptedException {
			if (source.name().equals("east")) {
				if (this.westRan.await(5, TimeUnit.SECONDS)) {
					this.eastDone.countDown();
				}
			}
			else {
				this.westRan.countDown();
			}
		}

	}

}
