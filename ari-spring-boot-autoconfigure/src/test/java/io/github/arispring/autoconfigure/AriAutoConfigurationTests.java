package io.github.arispring.autoconfigure;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.service.annotation.HttpExchange;

import io.github.arispring.AriSamples;
import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.annotation.StasisEventHandlerMethodProcessor;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.AriConnectionPool;
import io.github.arispring.client.ChannelsApi;
import io.github.arispring.client.InvalidAriUrlException;
import io.github.arispring.client.ReactiveAriClient;
import io.github.arispring.client.ReactiveChannelsApi;
import io.github.arispring.listener.AriApplicationTakeover;
import io.github.arispring.listener.AriEventDispatcher;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.model.AsteriskPing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AriAutoConfigurationTests {

	@RegisterExtension
	static final WireMockExtension asterisk = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	// The events listener is left stopped here; StasisEventDeliveryTests runs it against a server.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.username=asterisk", "ari.password=asterisk", "ari.listener.auto-startup=false");

	@Test
	void clientsWhenUrlSetShouldProvideEveryResourceClientAndTheFacades() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088").run((context) -> {
			List<Class<?>> apis = resourceClients();
			assertThat(apis).hasSize(22);
			apis.forEach((api) -> assertThat(context).hasSingleBean(api));
			assertThat(context).hasSingleBean(AriClient.class)
				.hasSingleBean(ReactiveAriClient.class)
				.hasSingleBean(AriClientFactory.class)
				.hasSingleBean(PropertiesAriConnectionDetails.class);
			assertThat(context.getBean(AriClient.class).channels()).isSameAs(context.getBean(ChannelsApi.class));
			assertThat(context.getBean(ReactiveAriClient.class).channels())
				.isSameAs(context.getBean(ReactiveChannelsApi.class));
		});
	}

	@Test
	void clientWhenUserDefinesResourceClientShouldUseIt() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088")
			.withUserConfiguration(UserChannelsApiConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ChannelsApi.class);
				assertThat(context.getBean(ChannelsApi.class)).isSameAs(context.getBean("userChannelsApi"));
				assertThat(context.getBean(AriClient.class).channels()).isSameAs(context.getBean("userChannelsApi"));
				assertThat(context).hasSingleBean(ReactiveChannelsApi.class);
			});
	}

	@Test
	void connectionDetailsWhenUserDefinesThemShouldBackOffAndBeUsed() {
		this.contextRunner.withUserConfiguration(UserConnectionDetailsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AriConnectionDetails.class)
				.doesNotHaveBean(PropertiesAriConnectionDetails.class);
			assertThat(context.getBean(AriConnectionDetails.class))
				.isSameAs(context.getBean("userConnectionDetails"));
			assertThat(context.getBean(AriClientFactory.class).baseUri())
				.isEqualTo(URI.create("http://testcontainer:49153/ari"));
		});
	}

	@Test
	void clientFactoryWhenUserDefinesOneShouldUseIt() {
		// ari.url is still needed by the events WebSocket
		this.contextRunner.withUserConfiguration(UserClientFactoryConfiguration.class)
			.withPropertyValues("ari.url=http://pbx:8088")
			.run((context) -> {
				assertThat(context).hasSingleBean(AriClientFactory.class);
				assertThat(context.getBean(AriClientFactory.class)).isSameAs(context.getBean("userClientFactory"));
				assertThat(context).hasSingleBean(ChannelsApi.class).hasSingleBean(AriClient.class);
			});
	}

	@Test
	void clientWhenUrlMissingShouldFailWithHint() {
		this.contextRunner.run((context) -> assertInvalidUrl(context).hasMessageContaining("ari.url is not set")
			.hasMessageContaining("ari.url=http://localhost:8088"));
	}

	@Test
	void clientWhenUrlHasAnotherSchemeShouldFailWithHint() {
		this.contextRunner.withPropertyValues("ari.url=ftp://x")
			.run((context) -> assertInvalidUrl(context).hasMessageContaining("ari.url 'ftp://x'")
				.hasMessageContaining("http or https"));
	}

	@Test
	void clientWhenUrlContainsCredentialsShouldFailWithoutRevealingThePassword() {
		this.contextRunner.withPropertyValues("ari.url=http://asterisk:s3cr3t-pw@pbx:8088").run((context) -> {
			assertInvalidUrl(context).hasMessageContaining("ari.username and ari.password")
				.satisfies((ex) -> assertThat(((InvalidAriUrlException) ex).url()).doesNotContain("s3cr3t-pw"));
			for (Throwable ex = context.getStartupFailure(); ex != null; ex = ex.getCause()) {
				assertThat(ex.toString()).doesNotContain("s3cr3t-pw");
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://host:8088", "http://host:8088/", "http://host:8088/ari", "http://host:8088/ari/" })
	void baseUriWithOrWithoutAriSuffixShouldEndInAri(String url) {
		this.contextRunner.withPropertyValues("ari.url=" + url).run((context) -> {
			URI expected = URI.create("http://host:8088/ari");
			assertThat(context.getBean(AriConnectionDetails.class).getBaseUri()).isEqualTo(expected);
			assertThat(context.getBean(AriClientFactory.class).baseUri()).isEqualTo(expected);
		});
	}

	@Test
	void clientsWhenWebClientIsNotOnTheClasspathShouldBackOff() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088")
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AriClientFactory.class)
				.doesNotHaveBean(AriConnectionDetails.class)
				.doesNotHaveBean(AriClient.class)
				.doesNotHaveBean(ReactiveAriClient.class)
				.doesNotHaveBean(ChannelsApi.class));
	}

	@Test
	void pingShouldCallAsteriskWithBasicCredentials() {
		this.contextRunner.withPropertyValues(asteriskProperties()).run(AriAutoConfigurationTests::assertPingsAsterisk);
	}

	@Test
	void pingWithBootsJsonMapperAndCodecsShouldCallAsterisk() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class))
			.withPropertyValues(asteriskProperties())
			.run(AriAutoConfigurationTests::assertPingsAsterisk);
	}

	private static String[] asteriskProperties() {
		return new String[] { "ari.url=" + asterisk.baseUrl(), "ari.username=asterisk", "ari.password=secret",
				"ari.response-timeout=5s" };
	}

	@Test
	void connectionPoolShouldHaveTheDocumentedDefaults() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088").run((context) -> {
			AriConnectionPool pool = context.getBean(AriConnectionPool.class);
			assertThat(pool.name()).isEqualTo("ari-default");
			assertThat(pool.maxConnections()).isEqualTo(32);
			assertThat(pool.maxPending()).isEqualTo(10_000);
			assertThat(pool.pendingAcquireTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(pool.maxIdleTime()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void connectionPoolShouldFollowTheHttpProperties() {
		this.contextRunner
			.withPropertyValues("ari.url=http://pbx:8088", "ari.http.max-connections=8", "ari.http.max-pending=40",
					"ari.http.pending-acquire-timeout=2s", "ari.http.max-idle-time=3s", "ari.http.eviction-interval=1s")
			.run((context) -> {
				AriConnectionPool pool = context.getBean(AriConnectionPool.class);
				assertThat(pool.maxConnections()).isEqualTo(8);
				assertThat(pool.connectionProvider().maxConnections()).isEqualTo(8);
				assertThat(pool.maxPending()).isEqualTo(40);
				assertThat(pool.pendingAcquireTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(pool.maxIdleTime()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void connectionPoolShouldCarryTheRestCalls() {
		this.contextRunner.withPropertyValues(asteriskProperties()).run((context) -> {
			assertPingsAsterisk(context);
			AriConnectionPool pool = context.getBean(AriConnectionPool.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> pool.idleConnections() == 1);
		});
	}

	@Test
	void connectionPoolWhenUserDefinesOneShouldBackOffAndBeUsed() {
		this.contextRunner.withPropertyValues(asteriskProperties())
			.withBean("userPool", AriConnectionPool.class, () -> AriConnectionPool.builder("user").maxConnections(3).build())
			.run((context) -> {
				assertThat(context).hasSingleBean(AriConnectionPool.class);
				AriConnectionPool pool = context.getBean(AriConnectionPool.class);
				assertThat(pool).isSameAs(context.getBean("userPool"));
				assertPingsAsterisk(context);
				await().atMost(Duration.ofSeconds(5)).until(() -> pool.idleConnections() == 1);
			});
	}

	@Test
	void connectionPoolCustomizersShouldApplyAfterTheProperties() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088", "ari.http.max-connections=8")
			.withBean(AriConnectionPoolBuilderCustomizer.class, () -> (builder) -> builder.maxPending(5))
			.run((context) -> {
				AriConnectionPool pool = context.getBean(AriConnectionPool.class);
				assertThat(pool.maxConnections()).isEqualTo(8);
				assertThat(pool.maxPending()).isEqualTo(5);
			});
	}

	@Test
	void connectionPoolShouldCloseWithTheContext() {
		AriConnectionPool[] pool = new AriConnectionPool[1];
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088")
			.run((context) -> pool[0] = context.getBean(AriConnectionPool.class));
		assertThat(pool[0].connectionProvider().isDisposed()).isTrue();
	}

	@Test
	void connectionPoolWhenMaxConnectionsIsZeroShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088", "ari.http.max-connections=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("ari.http.max-connections must be at least 1, not 0"));
	}

	@Test
	void listenerWhenApplicationsSetShouldProvideContainerDispatcherAndHandlerDiscovery() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088", "ari.applications=ivr,queue")
			.run((context) -> {
				assertThat(context).hasSingleBean(AriEventListenerContainer.class)
					.hasSingleBean(AriEventDispatcher.class)
					.hasSingleBean(StasisEventHandlerMethodProcessor.class)
					.hasBean("ariEventExecutor");
				AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
				assertThat(container.getApplications()).containsExactly("ivr", "queue");
				assertThat(container.getConnectUri()).hasToString("ws://pbx:8088/ari/events?app=ivr,queue");
				assertThat(container.isRunning()).isFalse();
			});
	}

	@Test
	void takeoverShouldBeOnWithTheConfiguredCheckInterval() {
		this.contextRunner
			.withPropertyValues("ari.url=http://pbx:8088", "ari.applications=ivr",
					"ari.listener.takeover.check-interval=750ms")
			.run((context) -> {
				assertThat(context).hasSingleBean(AriApplicationTakeover.class);
				AriApplicationTakeover takeover = context.getBean(AriApplicationTakeover.class);
				assertThat(takeover).hasFieldOrPropertyWithValue("checkInterval", Duration.ofMillis(750));
				assertThat(takeover.getStandbyApplications()).isEmpty();
			});
	}

	@Test
	void takeoverWhenDisabledShouldBackOff() {
		this.contextRunner
			.withPropertyValues("ari.url=http://pbx:8088", "ari.applications=ivr", "ari.listener.takeover.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AriApplicationTakeover.class)
				.hasSingleBean(AriEventListenerContainer.class));
	}

	@Test
	void listenerWhenUserDefinesExecutorShouldUseIt() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088", "ari.applications=ivr")
			.withBean("ariEventExecutor", Executor.class, () -> Runnable::run)
			.run((context) -> {
				assertThat(context).hasSingleBean(AriEventDispatcher.class);
				// the other one runs call scripts
				assertThat(context.getBeanNamesForType(Executor.class)).containsExactlyInAnyOrder("ariEventExecutor",
						"ariCallExecutor");
			});
	}

	@Test
	void listenerWhenUserDefinesContainerShouldUseIt() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088", "ari.applications=ivr")
			.withUserConfiguration(UserContainerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(AriEventListenerContainer.class)
				.getBean(AriEventListenerContainer.class)
				.isSameAs(context.getBean("userContainer")));
	}

	@Test
	void handlerWithoutEventParameterShouldFailWithHint() {
		this.contextRunner.withPropertyValues("ari.url=http://pbx:8088", "ari.applications=ivr")
			.withUserConfiguration(HandlerWithoutEventConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("has no event parameter")
				.hasMessageContaining("StasisStart, ChannelEvent or AriEvent"));
	}

	private static void assertPingsAsterisk(AssertableApplicationContext context) {
		String body = AriSamples.read("rest/asterisk/ping.json");
		asterisk.stubFor(get("/ari/asterisk/ping").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(body)));
		AsteriskPing ping = context.getBean(AriClient.class).asterisk().ping();
		assertThat(ping.ping()).isEqualTo("pong");
		assertThat(ping.asteriskId()).isEqualTo("02:fc:00:00:00:01");
		AriSamples.assertNothingLost(body, ping);
		asterisk.verify(1, getRequestedFor(urlEqualTo("/ari/asterisk/ping"))
			.withBasicAuth(new BasicCredentials("asterisk", "secret")));
	}

	/** The 22 resource clients, as the facades expose them. */
	private static List<Class<?>> resourceClients() {
		return Stream.of(AriClient.class, ReactiveAriClient.class)
			.flatMap((facade) -> Arrays.stream(facade.getDeclaredMethods()))
			.<Class<?>>map(Method::getReturnType)
			.filter((type) -> type.isAnnotationPresent(HttpExchange.class))
			.distinct()
			.toList();
	}

	private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalidUrl(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidAriUrlException.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChannelsApiConfiguration {

		@Bean
		ChannelsApi userChannelsApi() {
			return AriClientFactory.create(WebClient.builder(), "http://other-pbx:8088", null, null)
				.create(ChannelsApi.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnectionDetailsConfiguration {

		@Bean
		AriConnectionDetails userConnectionDetails() {
			return new AriConnectionDetails() {

				@Override
				public URI getBaseUri() {
					return URI.create("http://testcontainer:49153/ari");
				}

				@Override
				public String getUsername() {
					return "asterisk";
				}

				@Override
				public String getPassword() {
					return "asterisk";
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientFactoryConfiguration {

		@Bean
		AriClientFactory userClientFactory() {
			return AriClientFactory.create(WebClient.builder(), "http://custom:8088", null, null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserContainerConfiguration {

		@Bean
		AriEventListenerContainer userContainer(AriEventDispatcher dispatcher) {
			return new AriEventListenerContainer(new ReactorNettyWebSocketClient(), URI.create("ws://other:8088/ari/events"),
					"u", "p", List.of("other"), false, dispatcher);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerWithoutEventConfiguration {

		@StasisEventHandler
		void noEvent(String application) {
		}

	}

}
