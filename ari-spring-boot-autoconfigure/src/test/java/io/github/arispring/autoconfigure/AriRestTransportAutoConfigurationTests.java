package io.github.arispring.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.websocket.RestTransport;
import io.github.arispring.client.websocket.WebSocketRestConnector;
import io.github.arispring.listener.AriEventListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ari.rest.transport}: which beans carry REST calls over the events WebSocket.
 * {@code RestOverWebSocketTests} runs them against a server.
 */
class AriRestTransportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, AriAutoConfiguration.class))
		.withPropertyValues("ari.url=http://pbx:8088", "ari.username=asterisk", "ari.password=asterisk",
				"ari.applications=ivr", "ari.listener.auto-startup=false");

	@Test
	void transportWhenNotSetShouldBeHttpWithoutWebSocketConnector() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(AriProperties.class).getRest().getTransport()).isEqualTo(RestTransport.HTTP);
			assertThat(context).doesNotHaveBean(WebSocketRestConnector.class).hasSingleBean(AriClientFactory.class);
			assertThat(context.getBean(AriEventListenerContainer.class).getRestConnector()).isNull();
		});
	}

	@Test
	void transportWhenHttpShouldNotDefineWebSocketConnector() {
		this.contextRunner.withPropertyValues("ari.rest.transport=http")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketRestConnector.class));
	}

	@Test
	void transportWhenWebSocketShouldFeedTheConnectorFromTheEventsSocket() {
		this.contextRunner.withPropertyValues("ari.rest.transport=websocket", "ari.response-timeout=7s").run((context) -> {
			assertThat(context).hasSingleBean(WebSocketRestConnector.class);
			WebSocketRestConnector connector = context.getBean(WebSocketRestConnector.class);
			assertThat(context.getBean(AriEventListenerContainer.class).getRestConnector()).isSameAs(connector);
			assertThat(connector.getSocketName()).isEqualTo("events WebSocket ws://pbx:8088/ari/events");
			assertThat(connector.getTimeout()).isEqualTo(Duration.ofSeconds(7));
		});
	}

	@Test
	void transportWhenAutoShouldFeedTheConnectorFromTheEventsSocket() {
		this.contextRunner.withPropertyValues("ari.rest.transport=AUTO").run((context) -> {
			assertThat(context.getBean(AriProperties.class).getRest().getTransport()).isEqualTo(RestTransport.AUTO);
			assertThat(context.getBean(AriEventListenerContainer.class).getRestConnector())
				.isSameAs(context.getBean(WebSocketRestConnector.class));
		});
	}

	@Test
	void transportWhenUserDefinesConnectorShouldUseIt() {
		this.contextRunner.withPropertyValues("ari.rest.transport=websocket")
			.withUserConfiguration(UserConnector.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocketRestConnector.class);
				assertThat(context.getBean(AriEventListenerContainer.class).getRestConnector())
					.isSameAs(context.getBean("userConnector"));
			});
	}

	@Test
	void transportWhenUnknownShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("ari.rest.transport=pigeon")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("pigeon"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnector {

		@Bean
		WebSocketRestConnector userConnector() {
			return new WebSocketRestConnector(URI.create("http://pbx:8088/ari"), "user socket", Duration.ofSeconds(1));
		}

	}

}
