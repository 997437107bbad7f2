package io.github.arispring.client;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * Turns the configured ARI URL into the REST base URL and the events WebSocket URL.
 */
public final class AriUrls {

	private AriUrls() {
	}

	/**
	 * The REST base URL, ending in {@code /ari}, from a URL given with or without that suffix
	 * or a trailing slash. Credentials in the URL are refused: they belong in
	 * {@code ari.username} and {@code ari.password}, which go in a header.
	 * @param url the configured URL, such as {@code http://pbx:8088}
	 * @return the base URL, such as {@code http://pbx:8088/ari}
	 * @throws InvalidAriUrlException if the URL is missing or unusable
	 */
	public static URI baseUri(@Nullable String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidAriUrlException(url, "missing");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidAriUrlException(redact(url), ex.getReason());
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
			throw new InvalidAriUrlException(redact(url), "the scheme must be http or https, not " + scheme);
		}
		if (uri.getHost() == null) {
			throw new InvalidAriUrlException(redact(url), "it has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidAriUrlException(redact(url),
					"it contains credentials; set ari.username and ari.password instead");
		}
		if (uri.getRawQuery() != null && uri.getRawQuery().contains("api_key")) {
			throw new InvalidAriUrlException(redact(url),
					"it contains credentials (api_key); set ari.username and ari.password instead");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new InvalidAriUrlException(redact(url), "it must not have a query or fragment");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		if (!path.endsWith("/ari")) {
			path = path + "/ari";
		}
		return URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority() + path);
	}

	/**
	 * The events WebSocket URL for a REST base URL: {@code ws://pbx:8088/ari/events}, or
	 * {@code wss://} for {@code https://}.
	 * @param baseUri the REST base URL from {@link #baseUri(String)}
	 * @return the WebSocket URL, without query
	 */
	public static URI eventsUri(URI baseUri) {
		String scheme = "https".equals(baseUri.getScheme()) ? "wss" : "ws";
		return URI.create(scheme + "://" + baseUri.getRawAuthority() + baseUri.getRawPath() + "/events");
	}

	// Error messages get logged: drop whatever may hold a password, user info (up to the last
	// '@', as a password may contain '/' or '#') and the query (api_key).
	private static String redact(String url) {
		String text = url.strip();
		int at = text.lastIndexOf('@');
		if (at != -1) {
			int scheme = text.indexOf("://");
			int start = (scheme != -1 && scheme < at) ? scheme + 3 : 0;
			text = text.substring(0, start) + "***" + text.substring(at);
		}
		int query = text.indexOf('?');
		int fragment = text.indexOf('#');
		int end = (query == -1) ? fragment : (fragment == -1) ? query : Math.min(query, fragment);
		return (end != -1) ? text.substring(0, end) : text;
	}

}
