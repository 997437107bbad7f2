package io.github.arispring.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

import io.github.arispring.client.AriUrls;

/**
 * Where Asterisk's ARI is and how to log in. Defined by {@code ari.*} properties by default;
 * a test kit or a service-connection factory can supply its own bean instead.
 */
public interface AriConnectionDetails extends ConnectionDetails {

	/**
	 * The REST base URL, ending in {@code /ari}, such as {@code http://pbx:8088/ari}.
	 * @return the base URL
	 */
	URI getBaseUri();

	/**
	 * The ARI user, as configured in {@code ari.conf}.
	 * @return the user name, or {@code null} to send no credentials
	 */
	@Nullable String getUsername();

	/**
	 * The ARI user's password.
	 * @return the password, or {@code null}
	 */
	@Nullable String getPassword();

	/**
	 * The events WebSocket URL, derived from the base URL by default.
	 * @return the URL, such as {@code ws://pbx:8088/ari/events}
	 */
	default URI getEventsUri() {
		return AriUrls.eventsUri(getBaseUri());
	}

	/**
	 * The SSL bundle that holds the trust material for {@code https} and {@code wss}.
	 * @return the bundle, or {@code null} to use the JVM's default trust store
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
