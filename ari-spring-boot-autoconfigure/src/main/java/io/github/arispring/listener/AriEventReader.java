package io.github.arispring.listener;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventKeys;

/**
 * Reads WebSocket frames with its own parsers, so that an application's Jackson settings
 * cannot change how Asterisk's messages are read. The socket reader only {@link #scan scans}
 * a frame for what dispatching needs (type, application, ordering keys), which costs a
 * fraction of binding it; the typed event is {@link #read read} later, on a handler thread.
 */
public final class AriEventReader {

	// Scanning runs on the few Netty event-loop threads only: a buffer recycler per thread
	// saves the shared pool's synchronisation on every frame.
	private final JsonFactory scanFactory = JsonFactory.builder()
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.build();

	// Binding runs on handler threads, virtual ones on Java 21+: the default, shared pool.
	// Blackbird binds through generated lambdas rather than reflection.
	private final JsonMapper mapper = JsonMapper.builder().addModule(new BlackbirdModule()).build();

	/**
	 * Finds what dispatching needs in a frame without binding it.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 * @return the frame's header
	 * @throws MalformedFrameException if the frame is not a JSON object with a {@code type}
	 */
	public FrameHeader scan(byte[] frame) {
		String type = null;
		String application = null;
		String channelId = null;
		String peerId = null;
		String bridgeId = null;
		String target = null;
		String endpoint = null;
		try (JsonParser parser = this.scanFactory.createParser(ObjectReadContext.empty(), frame)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new MalformedFrameException("not a JSON object", null);
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "type" -> type = string(parser, value);
					case "application" -> application = string(parser, value);
					case "channel" -> channelId = field(parser, value, "id", null);
					case "peer" -> peerId = field(parser, value, "id", null);
					case "bridge" -> bridgeId = field(parser, value, "id", null);
					case "playback", "recording" -> target = field(parser, value, "target_uri", null);
					case "endpoint" -> endpoint = field(parser, value, "technology", "resource");
					default -> parser.skipChildren();
				}
			}
			if (parser.currentToken() != JsonToken.END_OBJECT) {
				throw new MalformedFrameException("not a JSON object", null);
			}
		}
		catch (JacksonException ex) {
			throw new MalformedFrameException(ex.getOriginalMessage(), ex);
		}
		if (type == null || type.isEmpty()) {
			throw new MalformedFrameException("no \"type\" field", null);
		}
		if (channelId == null) {
			channelId = ("Dial".equals(type) && peerId != null) ? peerId : AriEventKeys.targetId(target, "channel:");
		}
		if (bridgeId == null) {
			bridgeId = AriEventKeys.targetId(target, "bridge:");
		}
		return new FrameHeader(type, application,
				AriEventKeys.orderingKeys(channelId, bridgeId, endpoint, application));
	}

	/**
	 * Binds a frame to its typed event.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 * @return the event; an {@code UnknownEvent} for a type this API version does not declare
	 * @throws MalformedFrameException if the frame is not a JSON object with a {@code type}
	 */
	public AriEvent read(byte[] frame) {
		AriEvent event;
		try {
			event = this.mapper.readValue(frame, AriEvent.class);
		}
		catch (JacksonException ex) {
			throw new MalformedFrameException(ex.getOriginalMessage(), ex);
		}
		if (event == null || event.type() == null || event.type().isEmpty()) {
			throw new MalformedFrameException("no \"type\" field", null);
		}
		return event;
	}

	private static @Nullable String string(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
	}

	/**
	 * Reads one string field of an object value (or two, joined by a slash), skipping the rest.
	 */
	private static @Nullable String field(JsonParser parser, JsonToken value, String name, @Nullable String second) {
		if (value != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return null;
		}
		String first = null;
		String other = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String property = parser.currentName();
			JsonToken token = parser.nextToken();
			if (property.equals(name)) {
				first = string(parser, token);
			}
			else if (property.equals(second)) {
				other = string(parser, token);
			}
			else {
				parser.skipChildren();
			}
		}
		if (second == null || first == null) {
			return first;
		}
		return first + "/" + other;
	}

	/**
	 * What dispatching needs of a frame.
	 * @param type the event type
	 * @param application the application, or {@code null}
	 * @param keys the ordering keys, as {@link AriEventKeys#orderingKeys(AriEvent)} gives them
	 */
	public record FrameHeader(String type, @Nullable String application, List<String> keys) {
	}

	/** A frame that is not an ARI message. */
	public static final class MalformedFrameException extends RuntimeException {

		MalformedFrameException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
