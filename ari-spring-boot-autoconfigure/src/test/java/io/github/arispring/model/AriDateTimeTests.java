package io.github.arispring.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;

import io.github.arispring.AriSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AriDateTimeTests {

	private static final OffsetDateTime TIME = OffsetDateTime.of(2026, 11, 28, 3, 29, 38, 670_000_000, ZoneOffset.UTC);

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-28T03:29:38.670+0000", "2026-11-28T03:29:38.670+00:00",
			"2026-11-28T03:29:38.670Z", "2026-11-28T03:29:38.67Z", "2026-11-28T04:29:38.670+0100",
			"2026-11-28T04:29:38.670+01:00" })
	void parseAcceptsAsterisksFormAndRfc3339(String text) {
		assertThat(AriDateTime.parse(text).toInstant()).isEqualTo(TIME.toInstant());
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-28T03:29:38.670+0000", "2026-11-28T03:29:38.670-0000", "2026-11-28T03:29:38.999-0330",
			"2026-01-01T00:00:00.000+1400", "2026-12-31T23:59:59.001-1200", "2024-02-29T12:00:00.000+0545",
			"2026-02-29T12:00:00.000+0000", "2026-04-31T12:00:00.000+0000", "2026-11-28T24:00:00.000+0000",
			"2026-11-28T03:60:00.000+0000", "2026-11-28T03:29:38.670+0075", "2026-11-28T03:29:38.670+1900",
			"2026-13-28T03:29:38.670+0000", "2026-11-28T03:29:38.6x0+0000", "2026-11-28T03:29:38.670*0000",
			"0000-01-01T00:00:00.000+0000" })
	void parseOfAsterisksFormDecidesLikeTheFormatter(String text) {
		DateTimeFormatter formatter = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
			.optionalStart()
			.appendOffset("+HH:MM", "Z")
			.optionalEnd()
			.optionalStart()
			.appendOffset("+HHMM", "Z")
			.optionalEnd()
			.toFormatter();
		OffsetDateTime expected;
		try {
			expected = OffsetDateTime.parse(text, formatter);
		}
		catch (DateTimeParseException ex) {
			assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> AriDateTime.parse(text));
			return;
		}
		OffsetDateTime parsed = AriDateTime.parse(text);
		assertThat(parsed).isEqualTo(expected);
		assertThat(parsed.getOffset()).isEqualTo(expected.getOffset());
	}

	@Test
	void parseKeepsTheOffset() {
		assertThat(AriDateTime.parse("2026-11-28T04:29:38.670+0100").getOffset()).isEqualTo(ZoneOffset.ofHours(1));
	}

	@Test
	void parseRejectsTextWithoutOffset() {
		assertThatExceptionOfType(DateTimeParseException.class)
			.isThrownBy(() -> AriDateTime.parse("2026-11-28 03:02:23 UTC"));
	}

	@Test
	void formatWritesAsterisksFormWithoutColon() {
		assertThat(AriDateTime.format(TIME)).isEqualTo("2026-11-28T03:29:38.670+0000");
		assertThat(AriDateTime.format(TIME.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30))))
			.isEqualTo("2026-11-28T08:59:38.670+0530");
	}

	@Test
	void jsonWithRfc3339TimestampIsWrittenBackInAsterisksForm() {
		Channel channel = AriSamples.MAPPER.readValue("{\"id\":\"1\",\"creationtime\":\"2026-11-28T03:29:38.670Z\"}",
				Channel.class);
		assertThat(channel.creationtime()).isEqualTo(TIME);
		assertThat(AriSamples.MAPPER.writeValueAsString(channel))
			.isEqualTo("{\"id\":\"1\",\"creationtime\":\"2026-11-28T03:29:38.670+0000\"}");
	}

	@Test
	void jsonWithInvalidTimestampFailsNamingTheExpectedForm() {
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> AriSamples.MAPPER.readValue("{\"creationtime\":\"yesterday\"}", Channel.class))
			.withMessageContaining("2026-11-28T03:09:51.990+0000");
	}

	@Test
	void pingTimestampIsDeclaredAsTextAndKeptVerbatim() {
		String json = AriSamples.read("rest/asterisk/ping.json");
		AsteriskPing ping = AriSamples.MAPPER.readValue(json, AsteriskPing.class);
		assertThat(ping.timestamp()).isEqualTo("2026-11-28T03:31:01.450+0000");
		assertThat(AriDateTime.parse(ping.timestamp())).isEqualTo(OffsetDateTime.parse("2026-11-28T03:31:01.450Z"));
	}

}
