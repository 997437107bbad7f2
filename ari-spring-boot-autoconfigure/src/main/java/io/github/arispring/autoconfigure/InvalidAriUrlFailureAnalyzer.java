package io.github.arispring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.arispring.client.InvalidAriUrlException;

/**
 * Explains a missing or unusable {@code ari.url} at start-up.
 */
class InvalidAriUrlFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAriUrlException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAriUrlException cause) {
		String url = cause.url();
		String property = cause.property();
		String description = (url == null || url.isBlank())
				? property + " is not set, so the ARI clients do not know where Asterisk is."
				: property + " '" + url + "' is not usable: " + cause.problem() + ".";
		if (!InvalidAriUrlException.DEFAULT_PROPERTY.equals(property)) {
			return new FailureAnalysis(description, "Set " + property + " to that Asterisk's HTTP server "
					+ "(bindaddr and bindport in its http.conf), for example:\n\n    " + property
					+ "=http://pbx-east:8088\n\nThe /ari suffix is optional; use https:// for TLS.", cause);
		}
		String action = """
				Set ari.url to Asterisk's HTTP server (bindaddr and bindport in http.conf), for example:

				    ari.url=http://localhost:8088

				The /ari suffix is optional; use https:// for TLS (the events WebSocket then uses wss://).
				To reuse a phpari configuration, import its phpari.ini, whose [asterisk_ari] host, port, \
				endpoint and transport make up ari.url:

				    spring.config.import=optional:file:phpari.ini""";
		return new FailureAnalysis(description, action, cause);
	}

}
