package io.github.arispring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import io.github.arispring.listener.MissingAriApplicationsException;

/**
 * Explains an empty {@code ari.applications} when the events listener is to start.
 */
class MissingAriApplicationsFailureAnalyzer extends AbstractFailureAnalyzer<MissingAriApplicationsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingAriApplicationsException cause) {
		String description = """
				No Stasis application is configured: ari.applications is empty, but the events listener \
				starts with the application (ari.listener.auto-startup=true). Asterisk only sends events \
				for applications that a client registers.""";
		String action = """
				Set ari.applications to the application names that your dialplan passes to Stasis(), \
				comma-separated, for example:

				    ari.applications=hello-world

				(with phpari, the name given to new phpari("hello-world"); in phpari.ini, \
				[asterisk_ari] application=hello-world). If this application only makes REST calls, \
				set ari.listener.auto-startup=false instead.""";
		return new FailureAnalysis(description, action, cause);
	}

}
