package io.github.arispring.env;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an INI file, such as an imported {@code phpari.ini}, that cannot be read.
 */
class InvalidIniFileFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIniFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidIniFileException cause) {
		String description = "Line " + cause.lineNumber() + " of " + cause.file() + " cannot be read: "
				+ cause.problem() + ".";
		String action = "Fix line " + cause.lineNumber() + " of " + cause.file() + """
				. Each line must be a [section], a key=value pair, a comment starting with ; or #, or \
				blank. Quote a value that contains " ;" or " #", for example password="a ;b".""";
		return new FailureAnalysis(description, action, cause);
	}

}
