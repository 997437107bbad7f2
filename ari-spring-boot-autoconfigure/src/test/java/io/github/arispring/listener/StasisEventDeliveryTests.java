package io.github.arispring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.client.AriClient;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventKeys;
import io.github.arispring.event.ChannelDtmfReceived;
import io.github.arispring.event.ChannelEvent;
import io.github.arispring.event.StasisStart;
import io.github.arispring.event.UnknownEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replays recorded Asterisk frames through a real WebSocket into {@code @StasisEventHandler}
 * methods.
 */
class StasisEventDeliveryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FakeAsterisk asterisk = new FakeAsterisk();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startAsterisk() {
		this.asterisk.start();
		this.contextRunner = this.asterisk.contextRunner();
	}

	@AfterEach
	void stopAsterisk() {
		this.asterisk.stop();
	}

	static Stream<String> flows() {
		return Stream.of("1-inbound-answer-play-hangup", "2-mixing-bridge", "3-dtmf-received", "4-record-2s-stop",
				"5-originate-channelid-far-end-hangup", "x-5b-create-then-dial-far-end-hangup", "x-broadcast-claim",
				"x-misc-events", "x-blind-transfer-subscribe-all", "x-attended-transfer-subscribe-all",
				"x-bridge-moh-record-snoop", "x-iax2-endpoint-subscription.subscribe-all");
	}

	@ParameterizedTest
	@MethodSource("flows")
	void capturedFlowShouldReachHandlersTypedAndInChannelOrder(String flow) throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/" + flow + ".jsonl");
		this.contextRunner.withUserConfiguration(RecordingHandlers.class)
			.withPropertyValues("ari.applications=" + applicationOf(frames.get(0)))
			.run((context) -> {
				RecordingHandlers handlers = context.getBean(RecordingHandlers.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				this.asterisk.send(frames);
				await().atMost(Duration.ofSeconds(10)).until(() -> handlers.all.size() == frames.size());
				assertThat(handlers.all).noneMatch(UnknownEvent.class::isInstance);
				assertThat(handlers.all).allMatch((event) -> event.getClass().getSimpleName().equals(event.type()));
				// every channel's events arrive in the order Asterisk sent them
				assertThat(byChannel(handlers.all)).isEqualTo(byChannel(frames.stream().map(this::read).toList()));
				// a second handler of the same events runs too
				int channelEvents = (int) handlers.all.stream().filter(ChannelEvent.class::isInstance).count();
				assertThat(channelEvents).isPositive();
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.channelEvents.size() >= channelEvents);
				assertThat(handlers.channelEvents).hasSize(channelEvents);
			});
	}

	@Test
	void applicationFilterAndConditionShouldSelectEvents() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/3-dtmf-received.jsonl");
		this.contextRunner.withUserConfiguration(FilteringHandlers.class)
			.withPropertyValues("ari.applications=flow3,other")
			.run((context) -> {
				FilteringHandlers handlers = context.getBean(FilteringHandlers.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				assertThat(this.asterisk.queries()).containsExactly("/ari/events?app=flow3,other");
				this.asterisk.send(frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.digits.size() == 4);
				// the handlers of one event run one after another, in no set order
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.hashOnly.size() == 1);
				assertThat(handlers.digits).containsExactly("1", "2", "3", "#");
				assertThat(handlers.hashOnly).containsExactly("#");
				assertThat(handlers.beanFiltered).containsExactly("2", "3");
				assertThat(handlers.otherApplication).isEmpty();
				assertThat(handlers.applicationNames).containsOnly("flow3");
				assertThat(handlers.clients).hasSize(4).containsOnly(context.getBean(AriClient.class));
			});
	}

	@Test
	void perChannelOrderShouldHoldUnderParallelLoad() throws Exception {
		String template = FakeAsterisk.frames("events/raw.jsonl").stream()
			.filter((frame) -> frame.contains("\"type\":\"ChannelDtmfReceived\""))
			.findFirst()
			.orElseThrow();
		int channels = 200;
		int perChannel = 50;
		List<String> frames = new ArrayList<>();
		for (int sequence = 0; sequence < perChannel; sequence++) {
			for (int channel = 0; channel < channels; channel++) {
				ObjectNode event = (ObjectNode) JSON.readTree(template);
				((ObjectNode) event.get("channel")).put("id", "load-" + channel);
				event.put("duration_ms", sequence);
				frames.add(JSON.writeValueAsString(event));
			}
		}
		this.contextRunner.withUserConfiguration(SleepyHandlers.class)
			.withPropertyValues("ari.applications=" + applicationOf(template), "ari.listener.concurrency=16")
			.run((context) -> {
				SleepyHandlers handlers = context.getBean(SleepyHandlers.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				this.asterisk.send(frames);
				await().atMost(Duration.ofSeconds(60)).until(() -> handlers.count.get() == frames.size());
				assertThat(handlers.sequences).hasSize(channels);
				for (List<Integer> sequences : handlers.sequences.values()) {
					assertThat(sequences).isSortedAccordingTo(Integer::compare).hasSize(perChannel);
				}
				assertThat(handlers.maxParallel.get()).isGreaterThan(1);
			});
	}

	@Test
	void slowHandlerShouldNotStopTheReader() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/3-dtmf-received.jsonl");
		this.contextRunner.withUserConfiguration(BlockedHandlers.class, CountingMetrics.class)
			.withPropertyValues("ari.applications=flow3")
			.run((context) -> {
				BlockedHandlers handlers = context.getBean(BlockedHandlers.class);
				CountingMetrics metrics = context.getBean(CountingMetrics.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				List<String> many = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					many.addAll(frames);
				}
				this.asterisk.send(many);
				// every frame is read and decoded while the first handler call is still blocked
				await().atMost(Duration.ofSeconds(10)).until(() -> metrics.received.get() == many.size());
				assertThat(handlers.started.getCount()).isZero();
				assertThat(handlers.finished.get()).isZero();
				handlers.release.countDown();
				await().atMost(Duration.ofSeconds(10)).until(() -> handlers.finished.get() == many.size());
			});
	}

	@Test
	void reactiveHandlerShouldCompleteBeforeTheNextEventOfItsChannel() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/3-dtmf-received.jsonl");
		this.contextRunner.withUserConfiguration(ReactiveHandlers.class)
			.withPropertyValues("ari.applications=flow3")
			.run((context) -> {
				ReactiveHandlers handlers = context.getBean(ReactiveHandlers.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				this.asterisk.send(frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.log.size() == 8);
				assertThat(handlers.log).containsExactly("start 1", "end 1", "start 2", "end 2", "start 3", "end 3",
						"start #", "end #");
			});
	}

	@Test
	void malformedFrameAndUnknownTypeShouldBeCountedAndLaterEventsDelivered() throws Exception {
		List<String> frames = new ArrayList<>();
		frames.add("{not json");
		frames.add("{\"no_type\":1}");
		frames.add("{\"type\":\"ChannelTeleported\",\"timestamp\":\"2026-11-28T03:29:38.670+0000\",\"application\":\"flow3\",\"warp\":9}");
		frames.addAll(FakeAsterisk.frames("flows/3-dtmf-received.jsonl"));
		this.contextRunner.withUserConfiguration(RecordingHandlers.class, CountingMetrics.class)
			.withPropertyValues("ari.applications=flow3")
			.run((context) -> {
				RecordingHandlers handlers = context.getBean(RecordingHandlers.class);
				CountingMetrics metrics = context.getBean(CountingMetrics.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				this.asterisk.send(frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.all.size() == frames.size() - 2);
				assertThat(metrics.rejected).containsExactly("malformed", "malformed", "unknown-type");
				// different lanes run in parallel: the unknown event is somewhere among the others
				assertThat(handlers.all).filteredOn(UnknownEvent.class::isInstance)
					.singleElement()
					.satisfies((event) -> assertThat(event.additionalProperties()).containsEntry("warp", 9));
				assertThat(this.asterisk.openConnections()).isOne();
			});
	}

	@Test
	void throwingHandlerShouldNotStopOtherHandlersOrLaterEvents() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/3-dtmf-received.jsonl");
		this.contextRunner.withUserConfiguration(FailingHandlers.class)
			.withPropertyValues("ari.applications=flow3")
			.run((context) -> {
				FailingHandlers handlers = context.getBean(FailingHandlers.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				this.asterisk.send(frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.survivor.size() == frames.size());
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.errors.size() >= 4);
				assertThat(handlers.errors).hasSize(4)
					.allSatisfy((error) -> assertThat(error).startsWith("FailingHandlers.explode:ChannelDtmfReceived:boom"));
				assertThat(this.asterisk.openConnections()).isOne();
			});
	}

	@Test
	void serverClosingTheSocketShouldReconnectAndResumeDelivery() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/3-dtmf-received.jsonl");
		this.contextRunner.withUserConfiguration(RecordingHandlers.class, ConnectionEvents.class)
			.withPropertyValues("ari.applications=flow3")
			.run((context) -> {
				RecordingHandlers handlers = context.getBean(RecordingHandlers.class);
				ConnectionEvents connections = context.getBean(ConnectionEvents.class);
				AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				await().atMost(Duration.ofSeconds(5)).until(container::isConnected);
				this.asterisk.closeConnections();
				await().atMost(Duration.ofSeconds(5)).until(() -> connections.log.size() >= 3);
				assertThat(connections.log.subList(0, 3)).containsExactly("connected", "disconnected", "reconnected");
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				this.asterisk.send(frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> handlers.all.size() == frames.size());
				assertThat(container.isConnected()).isTrue();
			});
	}

	@Test
	void serverDownAtStartShouldBeRetriedWithBackoff() throws Exception {
		int port = this.asterisk.port();
		this.asterisk.stop();
		this.contextRunner.withUserConfiguration(RecordingHandlers.class, CountingMetrics.class)
			.withPropertyValues("ari.applications=flow3")
			.run((context) -> {
				CountingMetrics metrics = context.getBean(CountingMetrics.class);
				AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> metrics.reconnects.get() >= 3);
				assertThat(container.isConnected()).isFalse();
				assertThat(container.getLastFailure()).contains("connection refused");
				this.asterisk.start(port);
				await().atMost(Duration.ofSeconds(5)).until(container::isConnected);
				assertThat(container.getLastFailure()).isNull();
			});
	}

	@Test
	void rejectedCredentialsShouldBackOffWithoutHotLoop() throws Exception {
		this.asterisk.rejectCredentials(true);
		this.contextRunner.withUserConfiguration(RecordingHandlers.class)
			.withPropertyValues("ari.applications=flow3", "ari.listener.reconnect.initial-delay=100ms",
					"ari.listener.reconnect.max-delay=10s", "ari.listener.reconnect.jitter=0")
			.run((context) -> {
				AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
				Thread.sleep(2000);
				// 100 + 200 + 400 + 800 ms of backoff fit in 2 s: a handful of attempts, not hundreds
				assertThat(this.asterisk.attempts()).isBetween(2, 6);
				assertThat(container.getLastFailure()).contains("401").contains("'asterisk'").contains("ari.username")
					.doesNotContain(FakeAsterisk.PASSWORD);
			});
	}

	@Test
	void deadSocketShouldBeDetectedByPing() throws Exception {
		this.asterisk.answerPings(false);
		this.contextRunner.withUserConfiguration(RecordingHandlers.class, ConnectionEvents.class)
			.withPropertyValues("ari.applications=flow3", "ari.listener.ping-interval=200ms",
					"ari.listener.ping-timeout=200ms")
			.run((context) -> {
				ConnectionEvents connections = context.getBean(ConnectionEvents.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> connections.log.contains("disconnected"));
				assertThat(connections.reasons).anySatisfy((reason) -> assertThat(reason).contains("ping"));
			});
	}

	@Test
	void applicationReplacedShouldBePublished() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/6-application-replaced.jsonl");
		this.contextRunner.withUserConfiguration(RecordingHandlers.class, ConnectionEvents.class)
			.withPropertyValues("ari.applications=flow6")
			.run((context) -> {
				ConnectionEvents connections = context.getBean(ConnectionEvents.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				this.asterisk.send(frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> connections.log.contains("replaced flow6"));
			});
	}

	@Test
	void stopShouldLetInFlightHandlerFinish() throws Exception {
		List<String> frames = FakeAsterisk.frames("flows/3-dtmf-received.jsonl");
		this.contextRunner.withUserConfiguration(BlockedHandlers.class)
			.withPropertyValues("ari.applications=flow3", "ari.listener.shutdown-timeout=5s")
			.run((context) -> {
				BlockedHandlers handlers = context.getBean(BlockedHandlers.class);
				AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
				this.asterisk.send(frames.get(0));
				assertThat(handlers.started.await(5, TimeUnit.SECONDS)).isTrue();
				Thread releaser = new Thread(() -> {
					sleep(300);
					handlers.release.countDown();
				});
				releaser.start();
				container.stop();
				assertThat(handlers.finished.get()).isOne();
				assertThat(container.isRunning()).isFalse();
				await().atMost(Duration.ofSeconds(5)).until(() -> this.asterisk.openConnections() == 0);
				container.start();
				assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
			});
	}

	private AriEvent read(String frame) {
		return JSON.readValue(frame, AriEvent.class);
	}

	private static String applicationOf(String frame) {
		return JSON.readTree(frame).get("application").asString();
	}

	private static Map<String, List<String>> byChannel(List<AriEvent> events) {
		Map<String, List<String>> result = new ConcurrentHashMap<>();
		for (AriEvent event : events) {
			String key = AriEventKeys.channelId(event);
			if (key != null) {
				result.computeIfAbsent(key, (k) -> new ArrayList<>()).add(event.type() + "@" + event.timestamp());
			}
		}
		return result;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingHandlers {

		final List<AriEvent> all = Collections.synchronizedList(new ArrayList<>());

		final List<ChannelEvent> channelEvents = new CopyOnWriteArrayList<>();

		@StasisEventHandler
		void all(AriEvent event) {
			this.all.add(event);
		}

		@StasisEventHandler
		void channel(ChannelEvent event) {
			this.channelEvents.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FilteringHandlers {

		final List<String> digits = new CopyOnWriteArrayList<>();

		final List<String> hashOnly = new CopyOnWriteArrayList<>();

		final List<String> otherApplication = new CopyOnWriteArrayList<>();

		final List<String> applicationNames = new CopyOnWriteArrayList<>();

		final List<Object> clients = new CopyOnWriteArrayList<>();

		final List<String> beanFiltered = new CopyOnWriteArrayList<>();

		@StasisEventHandler("flow3")
		void digit(ChannelDtmfReceived event, String application, AriClient ari) {
			this.digits.add(event.digit());
			this.applicationNames.add(application);
			this.clients.add((ari != null) ? ari : "null");
		}

		@StasisEventHandler(condition = "#event.digit() == '#'")
		void hash(ChannelDtmfReceived event) {
			this.hashOnly.add(event.digit());
		}

		@StasisEventHandler(condition = "@digitFilter.test(#event.digit()) and #application == 'flow3'")
		void filteredByBean(ChannelDtmfReceived event) {
			this.beanFiltered.add(event.digit());
		}

		@Bean
		java.util.function.Predicate<String> digitFilter() {
			return (digit) -> digit.equals("2") || digit.equals("3");
		}

		@StasisEventHandler(applications = "other")
		void other(AriEvent event) {
			this.otherApplication.add(event.type());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SleepyHandlers {

		final Map<String, List<Integer>> sequences = new ConcurrentHashMap<>();

		final AtomicInteger count = new AtomicInteger();

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger maxParallel = new AtomicInteger();

		@StasisEventHandler
		void dtmf(ChannelDtmfReceived event) throws InterruptedException {
			int now = this.running.incrementAndGet();
			this.maxParallel.accumulateAndGet(now, Math::max);
			if (ThreadLocalRandom.current().nextInt(20) == 0) {
				Thread.sleep(ThreadLocalRandom.current().nextInt(3));
			}
			this.sequences.computeIfAbsent(event.channel().id(), (id) -> new CopyOnWriteArrayList<>())
				.add(event.durationMs());
			this.running.decrementAndGet();
			this.count.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockedHandlers {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger finished = new AtomicInteger();

		@StasisEventHandler
		void block(AriEvent event) throws InterruptedException {
			this.started.countDown();
			this.release.await();
			this.finished.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveHandlers {

		final List<String> log = new CopyOnWriteArrayList<>();

		@StasisEventHandler
		Mono<Void> dtmf(ChannelDtmfReceived event) {
			this.log.add("start " + event.digit());
			return Mono.delay(Duration.ofMillis(50)).doOnNext((tick) -> this.log.add("end " + event.digit())).then();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingHandlers {

		final List<AriEvent> survivor = new CopyOnWriteArrayList<>();

		final List<String> errors = new CopyOnWriteArrayList<>();

		@StasisEventHandler(errorHandler = "collectingErrorHandler")
		void explode(ChannelDtmfReceived event) {
			throw new IllegalStateException("boom " + event.digit());
		}

		@StasisEventHandler
		void survive(AriEvent event) {
			this.survivor.add(event);
		}

		@Bean
		AriEventErrorHandler collectingErrorHandler() {
			return (event, handler, error) -> this.errors.add(handler + ":" + event.type() + ":" + error.getMessage());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingMetrics implements AriListenerMetrics {

		final AtomicInteger received = new AtomicInteger();

		final AtomicInteger reconnects = new AtomicInteger();

		final List<String> rejected = new CopyOnWriteArrayList<>();

		@Override
		public void eventReceived(String type, String application) {
			this.received.incrementAndGet();
		}

		@Override
		public void frameRejected(String reason) {
			this.rejected.add(reason);
		}

		@Override
		public void reconnectAttempted() {
			this.reconnects.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionEvents {

		final List<String> log = new CopyOnWriteArrayList<>();

		final List<String> reasons = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<AriConnectedEvent> connected() {
			return (event) -> this.log.add(event.isReconnect() ? "reconnected" : "connected");
		}

		@Bean
		ApplicationListener<AriDisconnectedEvent> disconnected() {
			return (event) -> {
				this.log.add("disconnected");
				this.reasons.add(event.getReason());
			};
		}

		@Bean
		ApplicationListener<AriApplicationReplacedEvent> replaced() {
			return (event) -> this.log.add("replaced " + event.getApplication());
		}

	}

}
