package io.github.arispring.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
