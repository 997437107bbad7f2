package io.github.arispring.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

import io.github.arispring.client.AriUrls;

/**
 * {@link AriConnectionDetails} from {@link AriProperties}.
 */
public class PropertiesAriConnectionDetails implements AriConnectionDetails {

	private final AriProperties properties;

	private final @Nullable SslBundles sslBundles;

	/**
	 * Creates connection details from properties.
	 * @param properties the properties
	 * @param sslBundles the SSL bundles, or {@code null} if none are configured
	 */
	public PropertiesAriConnectionDetails(AriProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public URI getBaseUri() {
		return AriUrls.baseUri(this.properties.getUrl());
	}

	@Override
	public @Nullable String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		String bundle = this.properties.getSsl().getBundle();
		if (bundle == null || bundle.isBlank()) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new IllegalStateException("ari.ssl.bundle is '" + bundle + "' but no SSL bundles are configured; "
					+ "define it under spring.ssl.bundle");
		}
		return this.sslBundles.getBundle(bundle);
	}

}
