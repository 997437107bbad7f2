package io.github.arispring.listener;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.ChannelDtmfReceived;
import io.github.arispring.event.PlaybackFinished;
import io.github.arispring.event.StasisStart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call whose handler failed is hung up or continued in the dialplan, once, through the
 * in-process Asterisk's REST API; other handlers and later events carry on.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChannelReleasingErrorHandlerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FakeAsterisk asterisk = new FakeAsterisk();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startAsterisk() {
		this.asterisk.start();
		this.contextRunner = this.asterisk.contextRunner().withUserConfiguration(Survivor.class, CountingMetrics.class);
	}

	@AfterEach
	void stopAsterisk() {
		this.asterisk.stop();
	}

	@Test
	void hangupByDefaultShouldHangUpTheChannelOnceWhenSeveralHandlersFail(CapturedOutput output) {
		List<String> frames = FakeAsterisk.frames("flows/1-inbound-answer-play-hangup.jsonl");
		this.asterisk.channel(channelOf(frames, "StasisStart"));
		this.contextRunner.withUserConfiguration(FailingOnStart.class)
			.withPropertyValues("ari.applications=hello-world", "ari.listener.error-handler=hangup")
			.run((context) -> {
				replay(context.getBean(Survivor.class), frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> !this.asterisk.channelRequests().isEmpty());
				await().during(Duration.ofMillis(300)).until(() -> this.asterisk.channelRequests().size() == 1);
				assertThat(this.asterisk.channelRequests()).containsExactly("DELETE /ari/channels/1795836578.1");
				assertThat(context.getBean(CountingMetrics.class).failures).containsExactlyInAnyOrder(
						"StasisStart:FailingOnStart.first", "StasisStart:FailingOnStart.second");
			});
		assertThat(output).contains("Hung up channel 1795836578.1 because ARI event handler FailingOnStart.");
	}

	@Test
	void errorHandlerNamedOnAMethodShouldContinueTheChannelInTheDialplan() {
		List<String> frames = FakeAsterisk.frames("flows/3-dtmf-received.jsonl");
		this.asterisk.channel(channelOf(frames, "ChannelDtmfReceived"));
		this.contextRunner.withUserConfiguration(ContinuingOnDtmf.class)
			.withPropertyValues("ari.applications=flow3")
			.run((context) -> {
				replay(context.getBean(Survivor.class), frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> !this.asterisk.channelRequests().isEmpty());
				await().during(Duration.ofMillis(300)).until(() -> this.asterisk.channelRequests().size() == 1);
				// four digits failed, and both StasisStart failed with the default error handler (log)
				assertThat(this.asterisk.channelRequests()).containsExactly("POST /ari/channels/1795836590.10/continue");
				awaitFailures(context.getBean(CountingMetrics.class), 6);
			});
	}

	@Test
	void playbackEventShouldReleaseItsChannelWhenAsteriskSaysItIsInTheApplication() {
		List<String> frames = FakeAsterisk.frames("flows/1-inbound-answer-play-hangup.jsonl");
		this.asterisk.channel(channelOf(frames, "StasisStart"));
		this.contextRunner.withUserConfiguration(FailingOnPlaybackFinished.class)
			.withPropertyValues("ari.applications=hello-world", "ari.listener.error-handler=hangup")
			.run((context) -> {
				replay(context.getBean(Survivor.class), frames);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> this.asterisk.channelRequests().contains("DELETE /ari/channels/1795836578.1"));
			});
	}

	@Test
	void playbackEventOfAChannelAsteriskDoesNotKnowShouldLeaveItAlone() {
		List<String> frames = FakeAsterisk.frames("flows/1-inbound-answer-play-hangup.jsonl");
		this.contextRunner.withUserConfiguration(FailingOnPlaybackFinished.class)
			.withPropertyValues("ari.applications=hello-world", "ari.listener.error-handler=hangup")
			.run((context) -> {
				replay(context.getBean(Survivor.class), frames);
				awaitFailures(context.getBean(CountingMetrics.class), 1);
				await().during(Duration.ofMillis(500)).until(() -> this.asterisk.channelRequests().isEmpty());
			});
	}

	@Test
	void channelAlreadyGoneShouldBeIgnoredQuietly(CapturedOutput output) {
		List<String> frames = FakeAsterisk.frames("flows/1-inbound-answer-play-hangup.jsonl");
		// not served: DELETE is answered with Asterisk's 404 "Channel not found"
		this.contextRunner.withUserConfiguration(FailingOnStart.class)
			.withPropertyValues("ari.applications=hello-world", "ari.listener.error-handler=hangup")
			.run((context) -> {
				replay(context.getBean(Survivor.class), frames);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> this.asterisk.channelRequests().contains("DELETE /ari/channels/1795836578.1"));
				Thread.sleep(300);
			});
		assertThat(output).doesNotContain("Could not hang up").doesNotContain("Hung up channel");
	}

	@Test
	void channelsOutsideTheApplicationAndEventsWithoutOneShouldBeLeftAlone() {
		// subscribe-all: most channels are in the dialplan, one is in Stasis(xfer)
		List<String> frames = FakeAsterisk.frames("flows/x-blind-transfer-subscribe-all.jsonl");
		for (String frame : frames) {
			JsonNode channel = JSON.readTree(frame).get("channel");
			if (channel != null) {
				this.asterisk.channel(channel);
			}
		}
		this.contextRunner.withUserConfiguration(FailingOnEverything.class)
			.withPropertyValues("ari.applications=xfer", "ari.subscribe-all=true", "ari.listener.error-handler=hangup")
			.run((context) -> {
				replay(context.getBean(Survivor.class), frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> !this.asterisk.channelRequests().isEmpty());
				await().during(Duration.ofMillis(500)).until(() -> this.asterisk.channelRequests().size() == 1);
				// only StasisStart's channel, the one in Stasis(xfer); not on its hang-up request or StasisEnd
				assertThat(this.asterisk.channelRequests()).containsExactly("DELETE /ari/channels/1795836622.24");
				long failing = frames.stream()
					.filter((frame) -> !FailingOnEverything.SPARED.contains(JSON.readTree(frame).get("type").asString()))
					.count();
				awaitFailures(context.getBean(CountingMetrics.class), (int) failing);
			});
	}

	@Test
	void unknownErrorHandlerNameShouldFailAtStartUp() {
		this.contextRunner.withUserConfiguration(NamingAMissingErrorHandler.class)
			.withPropertyValues("ari.applications=flow3")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("names errorHandler 'noSuchHandler', but there is no AriEventErrorHandler bean")
				.hasMessageContaining("ariHangupErrorHandler"));
	}

	@Test
	void errorHandlersShouldBeBeansUsersCanReplace() {
		this.contextRunner.withPropertyValues("ari.applications=flow3").run((context) -> {
			assertThat(context.getBean("ariHangupErrorHandler", ChannelReleasingErrorHandler.class).getAction())
				.isEqualTo(ChannelReleasingErrorHandler.Action.HANGUP);
			assertThat(context.getBean("ariContinueErrorHandler", ChannelReleasingErrorHandler.class).getAction())
				.isEqualTo(ChannelReleasingErrorHandler.Action.CONTINUE);
		});
		List<String> frames = FakeAsterisk.frames("flows/1-inbound-answer-play-hangup.jsonl");
		this.asterisk.channel(channelOf(frames, "StasisStart"));
		this.contextRunner.withUserConfiguration(OwnHangupErrorHandler.class, FailingOnStart.class)
			.withPropertyValues("ari.applications=hello-world", "ari.listener.error-handler=hangup")
			.run((context) -> {
				OwnHangupErrorHandler own = context.getBean(OwnHangupErrorHandler.class);
				assertThat(context.getBean("ariHangupErrorHandler")).isSameAs(own.handler);
				replay(context.getBean(Survivor.class), frames);
				await().atMost(Duration.ofSeconds(5)).until(() -> own.handled.size() == 2);
				assertThat(this.asterisk.channelRequests()).isEmpty();
			});
	}

	private static void awaitFailures(CountingMetrics metrics, int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> metrics.failures.size() >= count);
		assertThat(metrics.failures).hasSize(count);
	}

	private void replay(Survivor survivor, List<String> frames) throws InterruptedException {
		assertThat(this.asterisk.awaitConnections(1, Duration.ofSeconds(5))).isTrue();
		this.asterisk.send(frames);
		// every event reaches the handler that does not fail
		await().atMost(Duration.ofSeconds(5)).until(() -> survivor.count.get() == frames.size());
	}

	private static JsonNode channelOf(List<String> frames, String type) {
		return frames.stream()
			.map(JSON::readTree)
			.filter((frame) -> frame.get("type").asString().equals(type))
			.findFirst()
			.orElseThrow()
			.get("channel");
	}

	@Configuration(proxyBeanMethods = false)
	static class Survivor {

		final AtomicInteger count = new AtomicInteger();

		@StasisEventHandler
		void survive(AriEvent event) {
			this.count.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingOnStart {

		@StasisEventHandler
		void first(StasisStart event) {
			throw new IllegalStateException("first");
		}

		@StasisEventHandler
		void second(StasisStart event) {
			throw new IllegalStateException("second");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ContinuingOnDtmf {

		@StasisEventHandler(errorHandler = "ariContinueErrorHandler")
		void digit(ChannelDtmfReceived event) {
			throw new IllegalStateException("digit " + event.digit());
		}

		@StasisEventHandler
		void start(StasisStart event) {
			throw new IllegalStateException("start");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingOnPlaybackFinished {

		@StasisEventHandler
		void finished(PlaybackFinished event) {
			throw new IllegalStateException("next prompt");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingOnEverything {

		static final Set<String> SPARED = Set.of("ChannelVarset");

		@StasisEventHandler
		void fail(AriEvent event) {
			if (!SPARED.contains(event.type())) {
				throw new IllegalStateException(event.type());
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NamingAMissingErrorHandler {

		@StasisEventHandler(errorHandler = "noSuchHandler")
		void start(StasisStart event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnHangupErrorHandler {

		final List<String> handled = new CopyOnWriteArrayList<>();

		final AriEventErrorHandler handler = (event, handler, error) -> this.handled.add(handler);

		@Bean
		AriEventErrorHandler ariHangupErrorHandler() {
			return this.handler;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingMetrics implements AriListenerMetrics {

		final List<String> failures = new CopyOnWriteArrayList<>();

		@Override
		public void handlerFailed(String type, String application, String handler) {
			this.failures.add(type + ":" + handler);
		}

	}

}
