package io.github.arispring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.InvalidAriUrlException;
import io.github.arispring.listener.AriEventListenerContainer;
import io.github.arispring.server.AriServer;
import io.github.arispring.server.AriServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AriServersConfiguration}: the default server of {@code ari.url}, named
 * servers of {@code ari.servers.*}, and both.
 */
class AriServersConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriAutoConfiguration.class));

	private static final String[] DEFAULT = { "ari.url=http://pbx:8088", "ari.username=asterisk",
			"ari.password=secret", "ari.applications=ivr", "ari.listener.auto-startup=false" };

	private static final String[] EAST = { "ari.servers.east.url=http://pbx-east:8088",
			"ari.servers.east.username=east", "ari.servers.east.password=secret", "ari.servers.east.applications=ivr",
			"ari.servers.east.listener.auto-startup=false" };

	@Test
	void serversWhenOnlyUrlShouldHaveTheDefaultServerAlone() {
		this.contextRunner.withPropertyValues(DEFAULT).run((context) -> {
			assertThat(context).hasSingleBean(AriClient.class).hasSingleBean(AriEventListenerContainer.class);
			AriServers servers = context.getBean(AriServers.class);
			assertThat(servers.servers()).extracting(AriServer::name).containsExactly("default");
			assertThat(servers.client("default")).isSameAs(context.getBean(AriClient.class));
			assertThat(servers.server("default").connectionState())
				.isSameAs(context.getBean(AriEventListenerContainer.class));
		});
	}

	@Test
	void serversWhenOnlyNamedServersShouldHaveNoDefaultServerBeans() {
		this.contextRunner.withPropertyValues(EAST).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(AriClient.class)
				.doesNotHaveBean(AriClientFactory.class)
				.doesNotHaveBean(AriEventListenerContainer.class);
			AriServers servers = context.getBean(AriServers.class);
			assertThat(servers.servers()).extracting(AriServer::name).containsExactly("east");
			AriServer east = servers.server("east");
			assertThat(east.source().name()).isEqualTo("east");
			assertThat(east.client()).isSameAs(east.source().client());
			assertThat(east.connectionPool().name()).isEqualTo("ari-east");
			assertThat(((AriEventListenerContainer) east.connectionState()).getConnectUri())
				.hasToString("ws://pbx-east:8088/ari/events?app=ivr");
		});
	}

	@Test
	void namedServerWithoutAutoStartupShouldBeStartedThroughItsListener() {
		this.contextRunner.withPropertyValues(EAST).run((context) -> {
			AriEventListenerContainer listener = context.getBean(AriServers.class).server("east").listener();
			assertThat(listener).isSameAs(context.getBean(AriServers.class).server("east").connectionState());
			assertThat(listener.isAutoStartup()).isFalse();
			assertThat(listener.isRunning()).isFalse();
			listener.start();
			assertThat(listener.isRunning()).isTrue();
			listener.stop();
			assertThat(listener.isRunning()).isFalse();
		});
	}

	@Test
	void serversWhenUrlAndNamedServersShouldHaveBoth() {
		this.contextRunner.withPropertyValues(DEFAULT).withPropertyValues(EAST).run((context) -> {
			assertThat(context).hasSingleBean(AriClient.class).hasSingleBean(AriEventListenerContainer.class);
			AriServers servers = context.getBean(AriServers.class);
			assertThat(servers.servers()).extracting(AriServer::name).containsExactly("default", "east");
			assertThat(servers.client("east")).isNotSameAs(servers.client("default"));
			assertThat(servers.server("east").connectionPool())
				.isNotSameAs(servers.server("default").connectionPool());
		});
	}

	@Test
	void serversWhenNameIsUnknownShouldSayWhichServersExist() {
		this.contextRunner.withPropertyValues(DEFAULT).withPropertyValues(EAST).run((context) -> {
			AriServers servers = context.getBean(AriServers.class);
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> servers.client("west"))
				.withMessageContaining("'west'")
				.withMessageContaining("[default, east]");
		});
	}

	@Test
	void serversWhenNamedServerUrlMissingShouldFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("ari.servers.east.username=east", "ari.servers.east.password=secret",
					"ari.servers.east.applications=ivr")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidAriUrlException.class)
					.hasMessageStartingWith("ari.servers.east.url is not set");
				FailureAnalysis analysis = new InvalidAriUrlFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith("ari.servers.east.url is not set");
				assertThat(analysis.getAction()).contains("ari.servers.east.url=");
			});
	}

	@Test
	void serversWhenNamedServerUrlInvalidShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues(EAST).withPropertyValues("ari.servers.east.url=ftp://pbx-east")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("ari.servers.east.url 'ftp://pbx-east' is not usable"));
	}

	@Test
	void serversWhenNamedServerCredentialsMissingShouldFailNamingTheProperties() {
		this.contextRunner.withPropertyValues("ari.servers.east.url=http://pbx-east:8088",
				"ari.servers.east.applications=ivr")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ari.servers.east.username and ari.servers.east.password"));
	}

	@Test
	void serversWhenNamedServerHasNoApplicationsShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("ari.servers.east.url=http://pbx-east:8088",
				"ari.servers.east.username=east", "ari.servers.east.password=secret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("ari.servers.east.applications is empty"));
	}

	@Test
	void serversWhenNamedDefaultShouldFail() {
		this.contextRunner.withPropertyValues(DEFAULT)
			.withPropertyValues("ari.servers.default.url=http://pbx-east:8088")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ari.servers.default is not allowed"));
	}

	@Test
	void serversWhenNamedServerSetsItsOwnPoolShouldUseIt() {
		this.contextRunner.withPropertyValues(EAST)
			.withPropertyValues("ari.servers.east.http.max-connections=5")
			.run((context) -> assertThat(context.getBean(AriServers.class).server("east").connectionPool().maxConnections())
				.isEqualTo(5));
	}

}
