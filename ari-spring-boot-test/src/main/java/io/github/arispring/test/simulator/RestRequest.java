package io.github.arispring.test.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters of a REST request, read as Asterisk reads them: from the query string, then
 * from the fields of a JSON body, which win.
 */
final class RestRequest {

	private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*([-+]?\\d+)");

	private final Map<String, List<String>> query;

	private final @Nullable ObjectNode body;

	private final Map<String, String> pathVariables;

	private RestRequest(Map<String, List<String>> query, @Nullable ObjectNode body, Map<String, String> pathVariables) {
		this.query = query;
		this.body = body;
		this.pathVariables = pathVariables;
	}

	/**
	 * Reads a request.
	 * @throws AriError 400 "Error parsing request body" for a body that is not JSON
	 */
	static RestRequest of(Map<String, List<String>> query, String body, Map<String, String> pathVariables) {
		ObjectNode json = null;
		if (!body.isBlank()) {
			try {
				JsonNode parsed = Wire.MAPPER.readTree(body);
				json = (parsed instanceof ObjectNode object) ? object : null;
			}
			catch (JacksonException ex) {
				throw AriError.badRequest("Error parsing request body");
			}
		}
		return new RestRequest(query, json, pathVariables);
	}

	String path(String name) {
		String value = this.pathVariables.get(name);
		if (value == null) {
			throw new IllegalStateException("No path variable " + name);
		}
		return value;
	}

	@Nullable String param(String name) {
		JsonNode field = (this.body != null) ? this.body.get(name) : null;
		if (field != null && field.isValueNode() && !field.isNull()) {
			return field.asString();
		}
		List<String> values = this.query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(values.size() - 1) : null;
	}

	/** A list parameter, given comma-separated, repeated, or as a JSON array. */
	List<String> list(String name) {
		List<String> values = new ArrayList<>();
		JsonNode field = (this.body != null) ? this.body.get(name) : null;
		if (field != null && field.isArray()) {
			field.forEach((element) -> values.addAll(Strings.csv(element.asString())));
			return values;
		}
		if (field != null && field.isValueNode()) {
			return Strings.csv(field.asString());
		}
		this.query.getOrDefault(name, List.of()).forEach((value) -> values.addAll(Strings.csv(value)));
		return values;
	}

	/** An integer as C's {@code atoi} reads it: what does not parse is 0. */
	int integer(String name, int fallback) {
		String value = param(name);
		if (value == null) {
			return fallback;
		}
		Matcher number = LEADING_INTEGER.matcher(value);
		if (!number.find()) {
			return 0;
		}
		try {
			return Integer.parseInt(number.group(1));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * The {@code variables} object of the body.
	 * @throws AriError 400 when a value is not a string, as Asterisk requires
	 */
	Map<String, String> variables() {
		Map<String, String> variables = new LinkedHashMap<>();
		JsonNode field = (this.body != null) ? this.body.get("variables") : null;
		if (field instanceof ObjectNode object) {
			object.properties().forEach((entry) -> {
				if (!entry.getValue().isString()) {
					throw AriError.badRequest("Only string values in the 'variables' object allowed");
				}
				variables.put(entry.getKey(), entry.getValue().asString());
			});
		}
		return variables;
	}

}
