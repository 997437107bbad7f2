package io.github.arispring.listener;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventKeys;

/**
 * Reads WebSocket frames with its own parsers, so that an application's Jackson settings
 * cannot change how Asterisk's messages are read. The socket reader only {@link #scan scans}
 * a frame for what dispatching needs (type, application, ordering keys; see
 * {@link AriFrameScanner}), which costs a fraction of binding it; the typed event is
 * {@link #read read} later, on a handler thread.
 */
final class AriEventReader {

	// Binding runs on handler threads, virtual ones on Java 21+: the default, shared pool.
	// Blackbird binds through generated lambdas rather than reflection.
	private final JsonMapper mapper = JsonMapper.builder().addModule(new BlackbirdModule()).build();

	/**
	 * Finds what dispatching needs in a frame without binding it.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 * @return the frame's header
	 * @throws MalformedFrameException if the frame is not a JSON object with a {@code type}
	 */
	FrameHeader scan(byte[] frame) {
		return AriFrameScanner.scan(frame);
	}

	/**
	 * Binds a frame to its typed event.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 * @return the event; an {@code UnknownEvent} for a type this API version does not declare
	 * @throws MalformedFrameException if the frame is not a JSON object with a {@code type}
	 */
	AriEvent read(byte[] frame) {
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

	/**
	 * What dispatching needs of a frame.
	 * @param type the event type
	 * @param application the application, or {@code null}
	 * @param keys the ordering keys, as {@link AriEventKeys#orderingKeys(AriEvent)} gives them
	 */
	record FrameHeader(String type, @Nullable String application, List<String> keys) {
	}

	/** A frame that is not an ARI message. */
	static final class MalformedFrameException extends RuntimeException {

		MalformedFrameException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
