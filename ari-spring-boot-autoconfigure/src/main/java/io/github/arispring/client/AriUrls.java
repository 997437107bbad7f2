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
			throw new InvalidAriUrlException(url, ex.getReason());
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
			throw new InvalidAriUrlException(url, "the scheme must be http or https, not " + scheme);
		}
		if (uri.getHost() == null) {
			throw new InvalidAriUrlException(url, "it has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidAriUrlException(stripUserInfo(uri),
					"it contains credentials; set ari.username and ari.password instead");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new InvalidAriUrlException(url, "it must not have a query or fragment");
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

	private static String stripUserInfo(URI uri) {
		return uri.getScheme() + "://***@" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

}
