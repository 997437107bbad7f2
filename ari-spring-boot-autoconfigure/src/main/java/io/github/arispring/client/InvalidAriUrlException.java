package io.github.arispring.client;

import org.jspecify.annotations.Nullable;

/**
 * The configured ARI URL is missing or is not an {@code http(s)://host:port[/ari]} URL.
 */
public class InvalidAriUrlException extends IllegalArgumentException {

	/** The property of the single server's URL. */
	public static final String DEFAULT_PROPERTY = "ari.url";

	private final String property;

	private final @Nullable String url;

	private final String problem;

	/**
	 * Creates an exception about {@value #DEFAULT_PROPERTY}.
	 * @param url the URL as configured, or {@code null} if missing
	 * @param problem what is wrong with it
	 */
	public InvalidAriUrlException(@Nullable String url, String problem) {
		this(DEFAULT_PROPERTY, url, problem);
	}

	/**
	 * Creates an exception about the given property.
	 * @param property the property that holds the URL, such as {@code ari.servers.east.url}
	 * @param url the URL as configured, or {@code null} if missing
	 * @param problem what is wrong with it
	 */
	public InvalidAriUrlException(String property, @Nullable String url, String problem) {
		super(((url == null || url.isBlank()) ? property + " is not set"
				: property + " '" + url + "' is not usable: " + problem)
				+ ". Set " + property + " to Asterisk's HTTP server, for example " + property
				+ "=http://localhost:8088 (the /ari suffix is optional; use https:// for TLS)");
		this.property = property;
		this.url = url;
		this.problem = problem;
	}

	/**
	 * Names the given property instead of this exception's.
	 * @param property the property that holds the URL
	 * @return an exception like this one about that property
	 */
	public InvalidAriUrlException forProperty(String property) {
		return new InvalidAriUrlException(property, this.url, this.problem);
	}

	/**
	 * The property that holds the URL.
	 * @return the property, such as {@value #DEFAULT_PROPERTY}
	 */
	public String property() {
		return this.property;
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
