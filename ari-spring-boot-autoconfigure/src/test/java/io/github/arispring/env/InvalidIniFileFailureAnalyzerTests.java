package io.github.arispring.env;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidIniFileFailureAnalyzer}.
 */
class InvalidIniFileFailureAnalyzerTests {

	private final InvalidIniFileFailureAnalyzer analyzer = new InvalidIniFileFailureAnalyzer();

	@Test
	void analyzeShouldNameFileLineAndProblem() {
		InvalidIniFileException cause = new InvalidIniFileException("/etc/phpari.ini", 7,
				"the section header has no closing ']'");
		FailureAnalysis analysis = this.analyzer
			.analyze(new IllegalStateException("Failed to load property source", cause));
		assertThat(analysis.getDescription()).isEqualTo(
				"Line 7 of /etc/phpari.ini cannot be read: the section header has no closing ']'.");
		assertThat(analysis.getAction()).startsWith("Fix line 7 of /etc/phpari.ini.")
			.contains("[section], a key=value pair, a comment starting with ; or #, or blank")
			.contains("password=\"a ;b\"");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

}
