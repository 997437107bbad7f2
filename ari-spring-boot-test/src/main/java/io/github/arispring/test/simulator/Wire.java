package io.github.arispring.test.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What goes on the wire: compact JSON with the keys in the order Asterisk 23 writes them, which
 * is not the order the API declarations give (the generated records follow those).
 */
final class Wire {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** Stands for the keys an order does not name, in the order they already have. */
	private static final String REST = "*";

	private static final List<String> CHANNEL = List.of("id", "name", "state", "protocol_id", "caller", "connected",
			"accountcode", "dialplan", "creationtime", "language", REST);

	private static final List<String> BRIDGE = List.of("id", "technology", "bridge_type", "bridge_class", "creator",
			"name", "channels", "creationtime", "video_mode", REST);

	private static final List<String> RECORDING = List.of("name", "format", "state", "target_uri", REST);

	private static final List<String> PING = List.of("ping", "timestamp", "asterisk_id");

	private static final List<String> BUILD = List.of("os", "kernel", "machine", "options", "date", "user");

	private static final List<String> EVENT = List.of("type", "timestamp", REST, "asterisk_id", "application");

	private static final Map<String, List<String>> EVENTS = Map.of(
			"ChannelHangupRequest", List.of("cause", "soft", "type", "timestamp", REST, "asterisk_id", "application"),
			"ChannelVarset", List.of("variable", "value", "type", "timestamp", REST, "asterisk_id", "application"),
			"Dial", List.of("type", "timestamp", "dialstatus", "forward", "dialstring", "caller", "peer", REST,
					"asterisk_id", "application"),
			"ChannelDialplan", List.of("type", "timestamp", "dialplan_app", "dialplan_app_data", REST, "asterisk_id",
					"application"),
			"ApplicationReplaced", List.of("type", "timestamp", "application", "asterisk_id"),
			"RESTResponse", List.of("type", "transaction_id", "request_id", "status_code", "reason_phrase", "uri",
					"content_type", "message_body", "application", "timestamp", "asterisk_id"));

	/** Objects nested in an event, by the key that holds them. */
	private static final Map<String, List<String>> NESTED = Map.of("channel", CHANNEL, "peer", CHANNEL, "caller",
			CHANNEL, "replace_channel", CHANNEL, "bridge", BRIDGE, "recording", RECORDING);

	private Wire() {
	}

	/**
	 * Turns an event record into a tree without its application, which is set for each
	 * receiver by {@link #frame}.
	 */
	static ObjectNode event(Object event) {
		return MAPPER.valueToTree(event);
	}

	/** The frame for one application. */
	static String frame(ObjectNode event, String application) {
		ObjectNode copy = event.deepCopy();
		copy.put("application", application);
		String type = copy.path("type").asString("");
		ObjectNode ordered = ordered(copy, EVENTS.getOrDefault(type, EVENT));
		NESTED.forEach((key, order) -> {
			if (ordered.get(key) instanceof ObjectNode nested) {
				ordered.set(key, ordered(nested, order));
			}
		});
		return MAPPER.writeValueAsString(ordered);
	}

	/** A REST body: a model record, a list of them, or a map. */
	static String body(Object value) {
		JsonNode tree = MAPPER.valueToTree(value);
		if (tree instanceof ArrayNode array) {
			ArrayNode out = MAPPER.createArrayNode();
			array.forEach((element) -> out.add(shaped(element)));
			tree = out;
		}
		else {
			tree = shaped(tree);
		}
		return MAPPER.writeValueAsString(tree);
	}

	static String message(String message) {
		return MAPPER.writeValueAsString(Map.of("message", message));
	}

	private static JsonNode shaped(JsonNode node) {
		if (!(node instanceof ObjectNode object)) {
			return node;
		}
		if (object.has("technology") && object.has("bridge_type")) {
			return ordered(object, BRIDGE);
		}
		if (object.has("protocol_id") && object.has("dialplan")) {
			return ordered(object, CHANNEL);
		}
		if (object.has("target_uri") && object.has("format")) {
			return ordered(object, RECORDING);
		}
		if (object.has("ping")) {
			return ordered(object, PING);
		}
		if (object.get("build") instanceof ObjectNode build) {
			object.set("build", ordered(build, BUILD));
		}
		return object;
	}

	private static ObjectNode ordered(ObjectNode node, List<String> order) {
		ObjectNode out = MAPPER.createObjectNode();
		for (String key : order) {
			if (REST.equals(key)) {
				List<String> rest = new ArrayList<>(node.propertyNames());
				rest.removeAll(order);
				rest.forEach((name) -> out.set(name, node.get(name)));
			}
			else if (node.has(key)) {
				out.set(key, node.get(key));
			}
		}
		return out;
	}

}
