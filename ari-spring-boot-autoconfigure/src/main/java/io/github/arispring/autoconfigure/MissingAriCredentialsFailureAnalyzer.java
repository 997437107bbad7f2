package io.github.arispring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains missing ARI credentials at start-up.
 */
class MissingAriCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingAriCredentialsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingAriCredentialsException cause) {
		String description = MissingAriCredentialsException.describe(cause.isUsernameSet(), cause.isPasswordSet())
				+ ". Asterisk's REST interface and events WebSocket always require a user from ari.conf.";
		String action = """
				Set both ari.username and ari.password to a user defined in Asterisk's ari.conf, for example:

				    ari.username=asterisk
				    ari.password=secret

				(or supply them through your own AriConnectionDetails bean). With phpari, they are the \
				username and password of the [asterisk_ari] section of phpari.ini, which can be imported with \
				spring.config.import=optional:file:phpari.ini""";
		return new FailureAnalysis(description, action, cause);
	}

}
