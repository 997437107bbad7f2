package io.github.arispring.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

import io.github.arispring.client.AriUrls;
import io.github.arispring.client.InvalidAriUrlException;

/**
 * {@link AriConnectionDetails} of a named server, from {@code ari.servers.<name>.*}; errors
 * name the server's properties.
 */
class NamedServerConnectionDetails implements AriConnectionDetails {

	private final String prefix;

	private final AriProperties.Server server;

	private final @Nullable SslBundles sslBundles;

	NamedServerConnectionDetails(String name, AriProperties.Server server, @Nullable SslBundles sslBundles) {
		this.prefix = AriNamedServers.PREFIX + name + ".";
		this.server = server;
		this.sslBundles = sslBundles;
	}

	@Override
	public URI getBaseUri() {
		try {
			return AriUrls.baseUri(this.server.getUrl());
		}
		catch (InvalidAriUrlException ex) {
			throw ex.forProperty(this.prefix + "url");
		}
	}

	@Override
	public @Nullable String getUsername() {
		return this.server.getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.server.getPassword();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		String bundle = this.server.getSsl().getBundle();
		if (bundle == null || bundle.isBlank()) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new IllegalStateException(this.prefix + "ssl.bundle is '" + bundle
					+ "' but no SSL bundles are configured; define it under spring.ssl.bundle");
		}
		return this.sslBundles.getBundle(bundle);
	}

	/**
	 * Checks what the server needs before anything is built, naming its properties.
	 * @return the application names to register
	 */
	java.util.List<String> validate() {
		getBaseUri();
		String username = getUsername();
		String password = getPassword();
		if (username == null || username.isBlank() || password == null || password.isBlank()) {
			throw new IllegalStateException(this.prefix + "username and " + this.prefix + "password must both be set: "
					+ "Asterisk's REST interface always requires an ARI user (ari.conf)");
		}
		java.util.List<String> applications = AriConfigurationValidator.applications(this.server.getApplications());
		if (applications.isEmpty() && this.server.getListener().isAutoStartup()) {
			throw new IllegalStateException(this.prefix + "applications is empty, but the server's events listener "
					+ "starts with the application (" + this.prefix + "listener.auto-startup is true) and needs at "
					+ "least one Stasis application to register");
		}
		return applications;
	}

}
