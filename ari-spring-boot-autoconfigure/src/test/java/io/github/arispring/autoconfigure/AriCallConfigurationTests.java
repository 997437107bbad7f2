package io.github.arispring.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.task.SyncTaskExecutor;

import io.github.arispring.call.AriCalls;
import io.github.arispring.call.Call;
import io.github.arispring.call.ReactiveCall;
import io.github.arispring.call.StasisCall;
import io.github.arispring.call.StasisCallMethodProcessor;
import io.github.arispring.listener.AriEventDispatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of calls as scripts.
 */
class AriCallConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.url=http://pbx:8088", "ari.username=asterisk", "ari.password=asterisk",
				"ari.applications=ivr", "ari.listener.auto-startup=false");

	@Test
	void callsShouldBeRegisteredOnTheDispatcherWithTheirScripts() {
		this.contextRunner.withBean(BlockingScript.class).run((context) -> {
			assertThat(context).hasSingleBean(AriCalls.class)
				.hasSingleBean(StasisCallMethodProcessor.class)
				.hasBean("ariCallExecutor");
			AriCalls calls = context.getBean(AriCalls.class);
			assertThat(calls.hasScripts()).isTrue();
			assertThat(context.getBean(AriEventDispatcher.class).getHandlers()).containsOnlyOnce(calls);
		});
	}

	@Test
	void executorShouldBeABoundedPoolBelowJava21() {
		this.contextRunner.withPropertyValues("ari.call.concurrency=7").run((context) -> {
			Executor executor = context.getBean("ariCallExecutor", Executor.class);
			if (Runtime.version().feature() < 21) {
				assertThat(executor).isInstanceOfSatisfying(ThreadPoolExecutor.class,
						(pool) -> assertThat(pool.getMaximumPoolSize()).isEqualTo(7));
			}
			else {
				assertThat(executor).isNotInstanceOf(ThreadPoolExecutor.class);
			}
		});
	}

	@Test
	void executorShouldBeReplaceable() {
		SyncTaskExecutor mine = new SyncTaskExecutor();
		this.contextRunner.withBean("ariCallExecutor", Executor.class, () -> mine)
			.run((context) -> assertThat(context.getBean("ariCallExecutor")).isSameAs(mine));
	}

	@Test
	void aReactiveScriptThatReturnsNothingShouldFailWithAHint() {
		this.contextRunner.withBean(VoidReactiveScript.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("takes a ReactiveCall, so it must return a Mono");
		});
	}

	@Test
	void aReactiveScriptShouldBeAccepted() {
		this.contextRunner.withBean(ReactiveScript.class)
			.run((context) -> assertThat(context.getBean(AriCalls.class).hasScripts()).isTrue());
	}

	static class BlockingScript {

		@StasisCall("ivr")
		void handle(Call call) {
			call.answer();
		}

	}

	static class ReactiveScript {

		@StasisCall
		Mono<Void> handle(ReactiveCall call) {
			return call.answer();
		}

	}

	static class VoidReactiveScript {

		@StasisCall
		void handle(ReactiveCall call) {
			call.answer().subscribe();
		}

	}

}
