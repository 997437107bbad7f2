package io.github.arispring.event;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;


import io.github.arispring.AriSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event frame Asterisk sent in the samples reads into its own generated type and writes
 * back unchanged: the examples per type, their variants, and every frame of every flow.
 */
class EventSamplesTests {

	static Stream<Arguments> frames() {
		List<Arguments> frames = new ArrayList<>();
		for (String file : AriSamples.list("events/*.json")) {
			frames.add(Arguments.of(file, AriSamples.read(file)));
		}
		for (String file : AriSamples.list("events/variants/**/*.json")) {
			frames.add(Arguments.of(file, AriSamples.read(file)));
		}
		List<String> streams = new ArrayList<>(AriSamples.list("flows/*.jsonl"));
		streams.removeIf((file) -> file.endsWith(".http.jsonl"));
		streams.add("events/raw.jsonl");
		for (String file : streams) {
			List<String> lines = AriSamples.lines(file);
			for (int i = 0; i < lines.size(); i++) {
				frames.add(Arguments.of(file + ":" + (i + 1), lines.get(i)));
			}
		}
		return frames.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("frames")
	void frameReadsIntoItsOwnTypeWithNothingLost(String source, String json) {
		String type = AriSamples.MAPPER.readTree(json).path("type").asString();
		AriEvent event = AriSamples.MAPPER.readValue(json, AriEvent.class);
		assertThat(event).isNotInstanceOf(UnknownEvent.class);
		assertThat(event.getClass().getSimpleName()).isEqualTo(type);
		assertThat(event.getClass()).isSameAs(AriEventTypes.BY_NAME.get(type));
		assertThat(event.type()).isEqualTo(type);
		if (source.startsWith("events/") && source.endsWith(".json")) {
			assertThat(source).as("the type the sample is filed under").matches("events/(variants/)?" + type + "[./].*");
		}
		AriSamples.assertNothingLost(json, event);
	}

	@Test
	void samplesCoverTheCapturedTypesAndEveryFlowFrame() {
		List<String> sources = frames().map((arguments) -> (String) arguments.get()[0]).toList();
		assertThat(AriSamples.list("events/*.json")).hasSize(42);
		assertThat(sources).filteredOn((source) -> source.startsWith("events/variants/")).hasSize(25);
		assertThat(sources).filteredOn((source) -> source.startsWith("events/raw.jsonl:")).hasSize(42);
		assertThat(sources).filteredOn((source) -> source.startsWith("flows/")).hasSize(648);
	}

}
