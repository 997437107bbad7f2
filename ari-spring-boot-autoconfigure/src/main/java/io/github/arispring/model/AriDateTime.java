package io.github.arispring.model;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
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
		OffsetDateTime time = parseAsterisksForm(text);
		return (time != null) ? time : OffsetDateTime.parse(text, PARSER);
	}

	/**
	 * Reads Asterisk's own form, {@code yyyy-MM-ddTHH:mm:ss.SSS+HHMM}, directly: every event
	 * carries one or more time stamps, and the formatter's optional sections cost more than
	 * the rest of the event's decoding. Any other form, or an invalid value, is left to the
	 * formatter, which then decides exactly as before.
	 * @param text the text
	 * @return the time, or {@code null} to use the formatter
	 */
	private static @Nullable OffsetDateTime parseAsterisksForm(String text) {
		if (text.length() != 28 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.') {
			return null;
		}
		char sign = text.charAt(23);
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int millis = digits(text, 20, 3);
		int offsetHours = digits(text, 24, 2);
		int offsetMinutes = digits(text, 26, 2);
		if ((sign != '+' && sign != '-') || (year | month | day | hour | minute | second | millis | offsetHours
				| offsetMinutes) < 0) {
			return null;
		}
		try {
			// Asterisk's usual +0000 without the look-up in ZoneOffset's cache, which returns UTC
			ZoneOffset offset = ((offsetHours | offsetMinutes) == 0) ? ZoneOffset.UTC
					: (sign == '+') ? ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes)
							: ZoneOffset.ofHoursMinutes(-offsetHours, -offsetMinutes);
			return OffsetDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000, offset);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
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
