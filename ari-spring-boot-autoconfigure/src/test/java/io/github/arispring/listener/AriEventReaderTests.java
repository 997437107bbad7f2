package io.github.arispring.listener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.ChannelStateChange;
import io.github.arispring.event.ChannelVarset;
import io.github.arispring.event.AriEventKeys;
import io.github.arispring.listener.AriEventReader.FrameHeader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The scan the socket reader makes must find the same type, application and ordering keys
 * as the typed event a handler thread binds later.
 */
class AriEventReaderTests {

	private final AriEventReader reader = new AriEventReader();

	private final JsonMapper plainMapper = JsonMapper.builder().build();

	static Stream<String> frames() throws IOException {
		List<String> frames = new ArrayList<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<Resource> files = new ArrayList<>(List.of(resolver.getResources("classpath:ari-samples/flows/*.jsonl")));
		files.add(resolver.getResource("classpath:ari-samples/events/raw.jsonl"));
		for (Resource file : files) {
			if (file.getFilename().endsWith(".http.jsonl")) {
				continue;
			}
			for (String line : file.getContentAsString(StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank()) {
					frames.add(line.strip());
				}
			}
		}
		assertThat(frames).hasSizeGreaterThan(600);
		return frames.stream();
	}

	@ParameterizedTest
	@MethodSource("frames")
	void scanShouldAgreeWithTheTypedEvent(String frame) {
		byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
		FrameHeader header = this.reader.scan(bytes);
		AriEvent event = this.reader.read(bytes);
		// the reader's faster binding gives the same event as plain Jackson, with or without
		// the type from the scan
		assertThat(event).isEqualTo(this.plainMapper.readValue(bytes, AriEvent.class));
		assertThat(this.reader.read(bytes, header.type())).isEqualTo(event).hasSameClassAs(event);
		assertThat(header.type()).isEqualTo(event.type());
		assertThat(header.application()).isEqualTo(event.application());
		assertThat(header.keys()).isEqualTo(AriEventKeys.orderingKeys(event));
	}

	@Test
	void keysShouldCoverChannelsBridgesPlaybacksAndEndpoints() throws IOException {
		List<FrameHeader> headers = frames().map((frame) -> this.reader.scan(frame.getBytes(StandardCharsets.UTF_8)))
			.toList();
		assertThat(headers).anyMatch((h) -> h.keys().size() == 2 && h.keys().get(0).startsWith("channel:")
				&& h.keys().get(1).startsWith("bridge:"));
		assertThat(headers).anyMatch((h) -> h.type().equals("Dial") && h.keys().get(0).startsWith("channel:"));
		assertThat(headers).anyMatch((h) -> h.type().startsWith("Playback") && h.keys().get(0).startsWith("channel:"));
		assertThat(headers).anyMatch((h) -> h.type().startsWith("Playback") && h.keys().get(0).startsWith("bridge:"));
		assertThat(headers).anyMatch((h) -> h.keys().get(0).startsWith("endpoint:IAX2/"));
	}

	@Test
	void scanShouldRejectWhatIsNotAnAriMessage() {
		for (String frame : List.of("{not json", "[1,2]", "\"text\"", "{\"no_type\":1}", "{\"type\":\"\"}",
				"{\"type\":\"StasisStart\"", "")) {
			assertThatExceptionOfType(AriEventReader.MalformedFrameException.class).as(frame)
				.isThrownBy(() -> this.reader.scan(frame.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void scanShouldSkipNestedValuesOfAnyShape() {
		FrameHeader header = this.reader.scan(("{\"args\":[[1,{\"type\":\"x\"}],{}],\"userevent\":{\"channel\":{\"id\":\"no\"}},"
				+ "\"type\":\"ChannelUserevent\",\"bridge\":{\"channels\":[\"a\"],\"id\":\"b1\"},\"application\":\"app\"}")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(header).isEqualTo(new FrameHeader("ChannelUserevent", "app", List.of("bridge:b1")));
	}

	@Test
	void scanShouldDecodeEscapesAndNonAsciiAndAllowWhiteSpace() {
		String frame = "{ \n\t\"type\" : \"ChannelVarset\" ,\r\n \"value\": \"}{][\\\"\",\"channel\" : { \"name\":\"a,b}\", "
				+ "\"i\\u0064\" : \"Zo\u00eb\\\"\\\\/\\u00e9\\ud83d\\ude00\\n\" } , \"application\":\"app\\/1\" , \"n\": -1.5e3 ,\"t\":true}";
		FrameHeader header = this.reader.scan(frame.getBytes(StandardCharsets.UTF_8));
		assertThat(header).isEqualTo(new FrameHeader("ChannelVarset", "app/1", List.of("channel:Zo\u00eb\"\\/\u00e9\ud83d\ude00\n")));
	}

	@Test
	void scanShouldRejectBrokenStructure() {
		for (String frame : List.of("{\"type\":\"A\",}", "{\"type\" \"A\"}", "{\"type\":\"A\" \"b\":1}", "{\"type\":\"A\\x\"}",
				"{\"type\":\"A\",\"channel\":{\"id\":\"c\"", "{\"type\":\"A\",\"b\":}", "{\"type\":\"A\",\"b\":\"open}",
				"{\"type\":\"\\u12\"}")) {
			assertThatExceptionOfType(AriEventReader.MalformedFrameException.class).as(frame)
				.isThrownBy(() -> this.reader.scan(frame.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@ParameterizedTest
	@MethodSource("unusualFrames")
	void readShouldBindUnusualFramesAsJacksonDoes(String frame) {
		byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
		String type = frame.substring(frame.indexOf("\"type\":\"") + 8, frame.indexOf('"', frame.indexOf("\"type\":\"") + 8));
		assertReadAsJacksonReads(bytes, type, frame);
	}

	@Test
	void readShouldBindNamesInAnyOrderAfterLearningAsterisksOrder() {
		// The binder tries first the name that came next the last time: frames whose names come
		// in other orders, or are longer, escaped or unknown where a known one was expected,
		// bind as Jackson binds them all the same.
		List<String> channels = List.of("{\"id\":\"c1\",\"name\":\"PJSIP/a-1\",\"state\":\"Up\"}",
				"{\"state\":\"Ring\",\"id\":\"c2\",\"name\":\"PJSIP/b-2\"}",
				"{\"id\":\"c3\",\"name_x\":\"n\",\"name\":\"PJSIP/c-3\",\"state\":\"Up\"}",
				"{\"id\":\"c4\",\"nam\":\"short\",\"state\":\"Down\"}",
				"{\"id\":\"c5\",\"n\\u0061me\":\"escaped\",\"state\":\"Up\"}",
				"{\"id\":\"c6\", \"name\" : \"spaced\" ,\"state\":\"Up\"}",
				"{\"id\":\"c7\",\"name\":\"PJSIP/d-4\",\"state\":\"Up\"}");
		for (int round = 0; round < 3; round++) {
			for (String channel : channels) {
				String frame = "{\"type\":\"ChannelStateChange\",\"channel\":" + channel + "}";
				byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
				assertReadAsJacksonReads(bytes, "ChannelStateChange", frame);
				// bound straight from the bytes, but for the escaped name, which is left to Jackson
				assertThat(AriFrameBinder.bind(bytes, ChannelStateChange.class) != null).as(frame)
					.isEqualTo(!channel.contains("\\"));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("nonAsciiValues")
	void readShouldDecodeNonAsciiStringsAsJacksonDoes(String name, byte[] value, boolean wellFormed) {
		byte[] start = "{\"type\":\"ChannelVarset\",\"variable\":\"V\",\"value\":\"".getBytes(StandardCharsets.UTF_8);
		byte[] end = "\",\"channel\":{\"id\":\"c1\"}}".getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[start.length + value.length + end.length];
		System.arraycopy(start, 0, frame, 0, start.length);
		System.arraycopy(value, 0, frame, start.length, value.length);
		System.arraycopy(end, 0, frame, start.length + value.length, end.length);
		assertReadAsJacksonReads(frame, "ChannelVarset", name);
		// well-formed UTF-8 is bound straight from the bytes; anything else is left to Jackson
		assertThat(AriFrameBinder.bind(frame, ChannelVarset.class) != null).as(name).isEqualTo(wellFormed);
	}

	static Stream<Arguments> nonAsciiValues() {
		return Stream.of(Arguments.of("two-byte", "Zo\u00eb".getBytes(StandardCharsets.UTF_8), true),
				Arguments.of("three-byte", "\u20ac \u260e".getBytes(StandardCharsets.UTF_8), true),
				Arguments.of("four-byte", "\ud83d\ude00".getBytes(StandardCharsets.UTF_8), true),
				Arguments.of("truncated", new byte[] { 'Z', (byte) 0xC3 }, false),
				Arguments.of("lone continuation", new byte[] { (byte) 0x80, 'a' }, false),
				Arguments.of("overlong", new byte[] { (byte) 0xC0, (byte) 0xAF }, false),
				Arguments.of("encoded surrogate", new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, false),
				Arguments.of("beyond U+10FFFF", new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, false),
				Arguments.of("non-ASCII and escape", "\u00e9\\n".getBytes(StandardCharsets.UTF_8), false));
	}

	private void assertReadAsJacksonReads(byte[] bytes, String type, String description) {
		String frame = description;
		AriEvent expected;
		try {
			expected = this.plainMapper.readValue(bytes, AriEvent.class);
		}
		catch (tools.jackson.core.JacksonException ex) {
			assertThatExceptionOfType(AriEventReader.MalformedFrameException.class).as(frame)
				.isThrownBy(() -> this.reader.read(bytes, type));
			return;
		}
		AriEvent event = this.reader.read(bytes, type);
		assertThat(event).as(frame).isEqualTo(expected).hasSameClassAs(expected);
		assertThat(event.toString()).as(frame).isEqualTo(expected.toString());
	}

	static Stream<String> unusualFrames() {
		String channel = "\"channel\":{\"id\":\"c1\",\"caller\":{\"name\":\"Zo\u00eb\",\"number\":\"1\"}}";
		return Stream.of("{\"type\":\"ChannelVarset\",\"variable\":12,\"value\":true," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"variable\":\"V\",\"value\":\"Zo\u00eb \u20ac\"," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"value\":\"a\\\"b\\\\c\\/d\\u00e9\\n\\ud83d\\ude00\"," + channel + "}",
				"{\"type\":\"ChannelDtmfReceived\",\"digit\":\"1\",\"duration_ms\":\"120\"," + channel + "}",
				"{\"type\":\"ChannelDtmfReceived\",\"digit\":\"1\",\"duration_ms\":120.0," + channel + "}",
				"{\"type\":\"ChannelDtmfReceived\",\"digit\":\"1\",\"duration_ms\":0012," + channel + "}",
				"{\"type\":\"ChannelDtmfReceived\",\"digit\":\"1\",\"duration_ms\":12345678901," + channel + "}",
				"{\"type\":\"ChannelDtmfReceived\",\"digit\":\"1\",\"duration_ms\":-7," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":12345678901234567890,\"y\":1.5e3,\"z\":{\"a\":[1,null,true,{}],\"b\":[]},"
						+ "\"w\":null,\"v\":-0,\"u\":2147483648,\"t\":-2147483648,\"s\":123456789012345678," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":1,\"x\":2,\"value\":\"a\",\"value\":\"b\"," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"v\\u0061lue\":\"x\",\"Zo\u00eb\":1," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"timestamp\":\"\"," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"timestamp\":\"2026-11-28T03:09:51.990+0100\"," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"timestamp\":\"2026-11-28T03:09:51Z\"," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"timestamp\":\"yesterday\"," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"timestamp\":12," + channel + "}",
				"{\"type\":\"ChannelVarset\"," + channel + "} x", "{\"type\":\"ChannelVarset\"," + channel + "}  \n",
				"\ufeff{\"type\":\"ChannelVarset\"," + channel + "}", " {\"type\":\"ChannelVarset\",\"channel\":null}",
				"{\"type\":\"ChannelVarset\",\"channel\":[]}", "{\"type\":\"ChannelVarset\",\"channel\":{\"id\":1}}",
				"{\"type\":\"StasisStart\",\"args\":[\"a\",null,\"\"]," + channel + "}",
				"{\"type\":\"StasisStart\",\"args\":\"a\"," + channel + "}",
				"{\"type\":\"StasisStart\",\"args\":[1]," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"value\":\"tab\there\"," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"value\":tru," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":01," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":1.," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":[1 2]," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":" + "[".repeat(150) + "]".repeat(150) + "," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":" + "[".repeat(600) + "]".repeat(600) + "," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":" + "9".repeat(150) + "," + channel + "}",
				"{\"type\":\"ChannelVarset\",\"x\":" + "9".repeat(1200) + "," + channel + "}");
	}

	@Test
	void readWithAnUndeclaredTypeShouldGiveAnUnknownEvent() {
		byte[] frame = "{\"type\":\"FutureEvent\",\"application\":\"app\",\"channel\":{\"id\":\"c1\"},\"extra\":1}"
			.getBytes(StandardCharsets.UTF_8);
		AriEvent event = this.reader.read(frame, this.reader.scan(frame).type());
		assertThat(event).isInstanceOf(io.github.arispring.event.UnknownEvent.class);
		assertThat(event.type()).isEqualTo("FutureEvent");
		assertThat(event.application()).isEqualTo("app");
	}

}
