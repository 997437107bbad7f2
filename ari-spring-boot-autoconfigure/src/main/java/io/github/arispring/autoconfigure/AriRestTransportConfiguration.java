package io.github.arispring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import io.github.arispring.client.websocket.WebSocketRestConnector;

/**
 * REST over the events WebSocket ({@code ari.rest.transport=websocket} or {@code auto}): the
 * connector that the REST clients route calls to and that the events listener feeds.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AriRestTransportConfiguration.OnRestOverWebSocket.class)
class AriRestTransportConfiguration {

	@Bean
	@Conditional(AriDefaultServerCondition.class)
	@ConditionalOnMissingBean
	WebSocketRestConnector ariWebSocketRestConnector(AriConnectionDetails connectionDetails, AriProperties properties) {
		WebSocketRestConnector connector = new WebSocketRestConnector(connectionDetails.getBaseUri(),
				"events WebSocket " + connectionDetails.getEventsUri(), properties.getResponseTimeout());
		connector.setProbeOnConnect(true);
		return connector;
	}

	static final class OnRestOverWebSocket extends AnyNestedCondition {

		OnRestOverWebSocket() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "ari.rest.transport", havingValue = "websocket")
		static final class WebSocket {

		}

		@ConditionalOnProperty(name = "ari.rest.transport", havingValue = "auto")
		static final class Auto {

		}

	}

}
