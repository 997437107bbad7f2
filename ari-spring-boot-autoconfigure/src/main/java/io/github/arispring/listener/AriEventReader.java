package io.github.arispring.listener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.WebSocketMessage;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventTypes;
import io.github.arispring.event.AriEventKeys;

/**
 * Reads WebSocket frames with its own parsers, so that an application's Jackson settings
 * cannot change how Asterisk's messages are read. The socket reader only {@link #scan scans}
 * a frame for what dispatching needs (type, application, ordering keys; see
 * {@link AriFrameScanner}), which costs a fraction of binding it; the typed event is
 * {@link #read read} later, on a handler thread.
 */
public final class AriEventReader {

	private static final Log logger = LogFactory.getLog(AriEventReader.class);

	private static final int MAX_LOGGED_FRAME = 500;

	// Frames whose values have their declared JSON types are bound by AriFrameBinder; Jackson
	// binds the others (coercions, escapes beyond ASCII, malformed input, unknown types).
	// Blackbird binds through generated lambdas rather than reflection.
	private final JsonMapper mapper = JsonMapper.builder().addModule(new BlackbirdModule()).build();

	// For a frame whose type the scan found: binds straight to the event's class. Without type
	// handling, Jackson neither looks for the type id nor replays the frame's tokens to keep
	// the visible type property.
	private final JsonMapper typedMapper = JsonMapper.builder()
		.addModule(new BlackbirdModule())
		.addMixIn(AriEvent.class, WithoutTypeInfo.class)
		.build();

	// A reader per type, made on first use: it holds its root deserializer, which readValue
	// would look up for every frame.
	private final Map<String, ObjectReader> typedReaders = new ConcurrentHashMap<>();

	private final ObjectReader polymorphicReader = this.mapper.readerFor(AriEvent.class);

	/**
	 * The start of a frame, for a log line: at most {@value #MAX_LOGGED_FRAME} bytes.
	 * @param frame the frame
	 * @return its text, cut with {@code ...} when longer
	 */
	public static String excerpt(byte[] frame) {
		String text = new String(frame, 0, Math.min(frame.length, MAX_LOGGED_FRAME), StandardCharsets.UTF_8);
		return (frame.length > MAX_LOGGED_FRAME) ? text + "..." : text;
	}

	/**
	 * Finds what dispatching needs in a frame without binding it.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 * @return the frame's header
	 * @throws MalformedFrameException if the frame is not a JSON object with a {@code type}
	 */
	public FrameHeader scan(byte[] frame) {
		return AriFrameScanner.scan(frame);
	}

	/**
	 * Binds a frame to its typed event.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 * @return the event; an {@code UnknownEvent} for a type this API version does not declare
	 * @throws MalformedFrameException if the frame is not a JSON object with a {@code type}
	 */
	public AriEvent read(byte[] frame) {
		return read(frame, null);
	}

	/**
	 * Binds a frame whose type is known from its {@link #scan scan} to its typed event.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 * @param type the frame's type, or {@code null} to find it in the frame
	 * @return the event; an {@code UnknownEvent} for a type this API version does not declare
	 * @throws MalformedFrameException if the frame is not a JSON object with a {@code type}
	 */
	AriEvent read(byte[] frame, @Nullable String type) {
		Class<? extends AriEvent> eventType = (type != null) ? AriEventTypes.BY_NAME.get(type) : null;
		AriEvent event = (eventType != null) ? (AriEvent) AriFrameBinder.bind(frame, eventType) : null;
		if (event == null) {
			event = bind(frame, type);
		}
		if (event == null || event.type() == null || event.type().isEmpty()) {
			throw new MalformedFrameException("no \"type\" field", null);
		}
		return event;
	}

	/** Binds a frame with Jackson. */
	private @Nullable AriEvent bind(byte[] frame, @Nullable String type) {
		ObjectReader reader = (type != null) ? typedReader(type) : null;
		try {
			return (reader != null) ? reader.readValue(frame) : this.polymorphicReader.readValue(frame);
		}
		catch (JacksonException ex) {
			throw new MalformedFrameException(ex.getOriginalMessage(), ex);
		}
	}

	/** The reader of a declared type, or {@code null} for a type this API version does not declare. */
	private @Nullable ObjectReader typedReader(String type) {
		ObjectReader reader = this.typedReaders.get(type);
		if (reader == null) {
			Class<? extends AriEvent> eventType = AriEventTypes.BY_NAME.get(type);
			if (eventType == null) {
				return null;
			}
			reader = this.typedReaders.computeIfAbsent(type, (name) -> this.typedMapper.readerFor(eventType));
		}
		return reader;
	}

	/**
	 * Takes a message off an ARI WebSocket, the events listener's or an outbound one, and scans
	 * it. A malformed frame is counted as rejected and logged on one line.
	 * @param message the message
	 * @param metrics where a rejected frame is counted
	 * @param outboundConnection the id of the outbound connection it came on, for the log
	 * line; {@code null} for the events listener
	 * @return the frame, or {@code null} if the message is not a text or binary frame, or malformed
	 */
	public @Nullable Frame take(WebSocketMessage message, AriListenerMetrics metrics,
			@Nullable String outboundConnection) {
		if (message.getType() != WebSocketMessage.Type.TEXT && message.getType() != WebSocketMessage.Type.BINARY) {
			return null;
		}
		DataBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.readableByteCount()];
		payload.read(bytes);
		try {
			return new Frame(bytes, scan(bytes));
		}
		catch (MalformedFrameException ex) {
			metrics.frameRejected("malformed");
			logger.warn("Ignoring malformed ARI frame"
					+ ((outboundConnection != null) ? " on outbound connection " + outboundConnection : "") + " ("
					+ ex.getMessage() + "): " + excerpt(bytes));
			return null;
		}
	}

	/**
	 * Counts a scanned frame that goes to the dispatcher: as received, or, of a type this API
	 * version does not declare, as rejected with a log line (it is delivered as an
	 * {@code UnknownEvent}).
	 * @param header the frame's header
	 * @param metrics where it is counted
	 */
	public static void countEvent(FrameHeader header, AriListenerMetrics metrics) {
		if (!AriEventTypes.BY_NAME.containsKey(header.type())) {
			metrics.frameRejected("unknown-type");
			logger.warn("ARI event of unknown type " + header.type() + " (newer than ARI " + AriEventTypes.API_VERSION
					+ "); delivering it as UnknownEvent");
		}
		else {
			metrics.eventReceived(header.type(), header.application());
		}
	}

	/**
	 * A frame taken off a WebSocket.
	 * @param bytes the frame's bytes (UTF-8 JSON)
	 * @param header what its scan found
	 */
	public record Frame(byte[] bytes, FrameHeader header) {
	}

	/**
	 * What dispatching needs of a frame.
	 * @param type the event type
	 * @param application the application, or {@code null}
	 * @param keys the ordering keys, as {@link AriEventKeys#orderingKeys(AriEvent)} gives them
	 */
	public record FrameHeader(String type, @Nullable String application, List<String> keys) {
	}

	/** Turns off the type handling that {@link AriEvent} declares. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
	private interface WithoutTypeInfo {

	}

	/** A frame that is not an ARI message. */
	public static final class MalformedFrameException extends RuntimeException {

		MalformedFrameException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
