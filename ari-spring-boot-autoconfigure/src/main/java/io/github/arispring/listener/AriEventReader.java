package io.github.arispring.listener;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

import io.github.arispring.event.AriEvent;

/**
 * Decodes WebSocket frames into events with its own mapper, so that an application's Jackson
 * settings cannot change how Asterisk's messages are read.
 */
final class AriEventReader {

	// Frames are decoded on the few Netty event-loop threads only: a buffer recycler per thread
	// saves the shared pool's synchronisation on every frame.
	private final JsonMapper mapper = JsonMapper
		.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
		.build();

	/**
	 * Decodes one frame.
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

	/** A frame that is not an ARI message. */
	static final class MalformedFrameException extends RuntimeException {

		MalformedFrameException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
