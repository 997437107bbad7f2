package io.github.arispring.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Expands the URI templates of the ARI clients, such as
 * {@code /channels/{channelId}?{queryParam0}={queryParam0[0]}}, against the REST base URL
 * without parsing and re-encoding the template for every call: each template is split once
 * into literal text and variables, and the variables' values are percent-encoded directly.
 * <p>
 * The result is the same as {@link DefaultUriBuilderFactory}'s with its default
 * {@link DefaultUriBuilderFactory.EncodingMode#TEMPLATE_AND_VALUES TEMPLATE_AND_VALUES}
 * mode: every character of a value other than the unreserved characters of RFC 3986
 * ({@code A-Z a-z 0-9 - . _ ~}) is sent percent-encoded as UTF-8, so that an id containing
 * {@code /}, {@code ;}, {@code @}, {@code +}, {@code %} or a space reaches Asterisk as one
 * path segment or query value. Templates whose literal text is not plain (anything other than
 * unreserved characters, {@code /}, and the {@code ?}, {@code =} and {@code &} that join query
 * parameters), absolute URLs and positional variables go to a {@link DefaultUriBuilderFactory}
 * on the same base URL.
 */
final class AriUriBuilderFactory implements UriBuilderFactory {

	/** Templates are per operation and per combination of its query parameters that is used. */
	private static final int MAX_CACHED_TEMPLATES = 1024;

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private static final Template UNSUPPORTED = new Template(new String[0], new String[0]);

	private final String base;

	private final DefaultUriBuilderFactory fallback;

	private final Map<String, Template> templates = new ConcurrentHashMap<>();

	/**
	 * Creates a factory for the given base URL.
	 * @param baseUri the REST base URL without a trailing slash, query or fragment, such as
	 * {@code http://pbx:8088/ari}
	 */
	AriUriBuilderFactory(URI baseUri) {
		this.base = baseUri.toString();
		this.fallback = new DefaultUriBuilderFactory(this.base);
	}

	@Override
	public URI expand(String uriTemplate, Map<String, ?> uriVariables) {
		Template template = template(uriTemplate);
		if (template == UNSUPPORTED) {
			return this.fallback.expand(uriTemplate, uriVariables);
		}
		StringBuilder uri = new StringBuilder(this.base.length() + uriTemplate.length() + 32).append(this.base);
		String[] literals = template.literals;
		String[] variables = template.variables;
		for (int i = 0; i < variables.length; i++) {
			uri.append(literals[i]);
			String name = variables[i];
			if (!uriVariables.containsKey(name)) {
				throw new IllegalArgumentException("Map has no value for '" + name + "'");
			}
			Object value = uriVariables.get(name);
			encode((value != null) ? value.toString() : "", uri);
		}
		uri.append(literals[variables.length]);
		return URI.create(uri.toString());
	}

	@Override
	public URI expand(String uriTemplate, @Nullable Object... uriVariables) {
		return this.fallback.expand(uriTemplate, uriVariables);
	}

	@Override
	public UriBuilder uriString(String uriTemplate) {
		return this.fallback.uriString(uriTemplate);
	}

	@Override
	public UriBuilder builder() {
		return this.fallback.builder();
	}

	private Template template(String uriTemplate) {
		Template template = this.templates.get(uriTemplate);
		if (template == null) {
			template = parse(uriTemplate);
			if (this.templates.size() < MAX_CACHED_TEMPLATES) {
				this.templates.putIfAbsent(uriTemplate, template);
			}
		}
		return template;
	}

	/** Splits a template into literals and variable names, or {@link #UNSUPPORTED}. */
	static Template parse(String uriTemplate) {
		if (!uriTemplate.startsWith("/") || uriTemplate.contains("//")) {
			return UNSUPPORTED;
		}
		List<String> literals = new ArrayList<>();
		List<String> variables = new ArrayList<>();
		boolean query = false;
		int start = 0;
		int i = 0;
		while (i < uriTemplate.length()) {
			char c = uriTemplate.charAt(i);
			if (c == '{') {
				int end = uriTemplate.indexOf('}', i);
				String name = (end != -1) ? uriTemplate.substring(i + 1, end) : "";
				if (name.isEmpty() || name.indexOf(':') != -1 || name.indexOf('{') != -1) {
					return UNSUPPORTED;
				}
				literals.add(uriTemplate.substring(start, i));
				variables.add(name);
				i = end + 1;
				start = i;
				continue;
			}
			if (c == '?' && !query) {
				query = true;
			}
			else if (!isUnreserved(c) && !(c == '/' && !query) && !(query && (c == '=' || c == '&'))) {
				return UNSUPPORTED;
			}
			i++;
		}
		literals.add(uriTemplate.substring(start));
		return new Template(literals.toArray(new String[0]), variables.toArray(new String[0]));
	}

	/** Appends the value with everything but the unreserved characters percent-encoded as UTF-8. */
	static void encode(String value, StringBuilder out) {
		int length = value.length();
		int i = 0;
		while (i < length && isUnreserved(value.charAt(i))) {
			i++;
		}
		if (i == length) {
			out.append(value);
			return;
		}
		out.append(value, 0, i);
		byte[] bytes = value.substring(i).getBytes(StandardCharsets.UTF_8);
		for (byte b : bytes) {
			if (b >= 0 && isUnreserved((char) b)) {
				out.append((char) b);
			}
			else {
				out.append('%').append((char) HEX[(b >> 4) & 0x0F]).append((char) HEX[b & 0x0F]);
			}
		}
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	/** A parsed template: {@code literals[0] var[0] literals[1] ... var[n-1] literals[n]}. */
	record Template(String[] literals, String[] variables) {

	}

}
