package io.github.arispring.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds Asterisk's message in an error body: {@code {"message": ...}}, {@code {"error": ...}}
 * (both are sent by real Asterisk), or an HTML error page. Also used for the answer to the
 * events WebSocket upgrade.
 */
public final class AriErrorMessages {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Pattern PARAGRAPH = Pattern.compile("<p>(.*?)</p>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final int MAX_TEXT = 300;

	private AriErrorMessages() {
	}

	/**
	 * Finds Asterisk's message in an error body.
	 * @param body the body, or {@code null}
	 * @param contentType its content type, or {@code null}
	 * @return the message, shortened, or {@code null} if the body is empty
	 */
	public static @Nullable String extract(@Nullable String body, @Nullable String contentType) {
		if (body == null || body.isBlank()) {
			return null;
		}
		String trimmed = body.strip();
		if (trimmed.startsWith("{")) {
			try {
				JsonNode json = MAPPER.readTree(trimmed);
				for (String key : new String[] { "message", "error" }) {
					JsonNode value = json.get(key);
					if (value != null && value.isString()) {
						return value.asString();
					}
				}
			}
			catch (JacksonException ex) {
				// not JSON after all: fall through to text
			}
		}
		if (trimmed.startsWith("<") || (contentType != null && contentType.contains("html"))) {
			Matcher paragraph = PARAGRAPH.matcher(trimmed);
			if (paragraph.find()) {
				return clean(paragraph.group(1));
			}
			Matcher title = TITLE.matcher(trimmed);
			if (title.find()) {
				return clean(title.group(1));
			}
		}
		return shorten(trimmed);
	}

	private static String clean(String html) {
		return shorten(html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
			.replace("&quot;", "\"").replace("&amp;", "&").strip());
	}

	private static String shorten(String text) {
		return (text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT) + "...";
	}

}
