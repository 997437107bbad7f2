package io.github.arispring.model;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * ARI's time stamps: {@code 2026-11-28T03:09:51.990+0000}, an offset without a colon, which
 * is not RFC 3339. Reading also accepts the colon form and any fraction length, so a future
 * Asterisk that fixes its format still parses; writing uses Asterisk's own form.
 */
public final class AriDateTime {

	private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.toFormatter();

	private static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private AriDateTime() {
	}

	/**
	 * Parses an ARI time stamp.
	 * @param text the text, such as {@code 2026-11-28T03:09:51.990+0000}
	 * @return the time
	 * @throws DateTimeParseException if the text is not a time stamp
	 */
	public static OffsetDateTime parse(String text) {
		return OffsetDateTime.parse(text, PARSER);
	}

	/**
	 * Formats a time the way Asterisk does.
	 * @param time the time
	 * @return the text, such as {@code 2026-11-28T03:09:51.990+0000}
	 */
	public static String format(OffsetDateTime time) {
		return FORMATTER.format(time);
	}

	/** Reads an ARI time stamp. */
	public static final class Deserializer extends ValueDeserializer<OffsetDateTime> {

		@Override
		public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
			}
			String text = parser.getString();
			if (text.isEmpty()) {
				return null;
			}
			try {
				return parse(text);
			}
			catch (DateTimeParseException ex) {
				return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
						"not an ARI time stamp such as 2026-11-28T03:09:51.990+0000");
			}
		}

	}

	/** Writes a time the way Asterisk does. */
	public static final class Serializer extends ValueSerializer<OffsetDateTime> {

		@Override
		public void serialize(OffsetDateTime value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(format(value));
		}

	}

}
