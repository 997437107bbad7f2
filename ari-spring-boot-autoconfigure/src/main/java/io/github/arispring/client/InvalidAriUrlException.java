package io.github.arispring.client;

import org.jspecify.annotations.Nullable;

/**
 * The configured ARI URL is missing or is not an {@code http(s)://host:port[/ari]} URL.
 */
public class InvalidAriUrlException extends IllegalArgumentException {

	private final @Nullable String url;

	private final String problem;

	/**
	 * Creates an exception.
	 * @param url the URL as configured, or {@code null} if missing
	 * @param problem what is wrong with it
	 */
	public InvalidAriUrlException(@Nullable String url, String problem) {
		super(((url == null || url.isBlank()) ? "ari.url is not set"
				: "ari.url '" + url + "' is not usable: " + problem)
				+ ". Set ari.url to Asterisk's HTTP server, for example ari.url=http://localhost:8088 "
				+ "(the /ari suffix is optional; use https:// for TLS)");
		this.url = url;
		this.problem = problem;
	}

	/**
	 * The URL as configured.
	 * @return the URL, or {@code null} if missing
	 */
	public @Nullable String url() {
		return this.url;
	}

	/**
	 * What is wrong with the URL, such as {@code missing} or
	 * {@code the scheme must be http or https, not ftp}.
	 * @return the problem
	 */
	public String problem() {
		return this.problem;
	}

}
