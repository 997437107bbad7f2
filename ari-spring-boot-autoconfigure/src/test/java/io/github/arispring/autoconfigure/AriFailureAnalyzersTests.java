package io.github.arispring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.arispring.client.AriUrls;
import io.github.arispring.client.InvalidAriUrlException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import io.github.arispring.listener.MissingAriApplicationsException;

/**
 * Tests for {@link InvalidAriUrlFailureAnalyzer}, {@link MissingAriCredentialsFailureAnalyzer}
 * and {@link MissingAriApplicationsFailureAnalyzer}.
 */
class AriFailureAnalyzersTests {

	@Test
	void invalidUrlWhenMissingShouldSayItIsNotSet() {
		FailureAnalysis analysis = new InvalidAriUrlFailureAnalyzer().analyze(wrap(urlFailure(null)));
		assertThat(analysis.getDescription())
			.isEqualTo("ari.url is not set, so the ARI clients do not know where Asterisk is.");
		assertUrlAction(analysis);
	}

	@Test
	void invalidUrlWhenMalformedShouldSayWhatIsWrong() {
		FailureAnalysis analysis = new InvalidAriUrlFailureAnalyzer().analyze(wrap(urlFailure("ftp://pbx:8088")));
		assertThat(analysis.getDescription())
			.isEqualTo("ari.url 'ftp://pbx:8088' is not usable: the scheme must be http or https, not ftp.");
		assertUrlAction(analysis);
	}

	@Test
	void invalidUrlWhenItHasCredentialsShouldNotShowThem() {
		FailureAnalysis analysis = new InvalidAriUrlFailureAnalyzer()
			.analyze(wrap(urlFailure("http://asterisk:secret@pbx:8088")));
		assertThat(analysis.getDescription()).contains("it contains credentials").doesNotContain("secret");
	}

	@Test
	void invalidUrlWhenNotTheCauseShouldNotAnalyze() {
		assertThat(new InvalidAriUrlFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
	}

	@Test
	void missingCredentialsWhenPasswordMissingShouldSaySo() {
		FailureAnalysis analysis = new MissingAriCredentialsFailureAnalyzer()
			.analyze(wrap(new MissingAriCredentialsException(true, false)));
		assertThat(analysis.getDescription()).isEqualTo("ari.username is set but ari.password is not. "
				+ "Asterisk's REST interface and events WebSocket always require a user from ari.conf.");
		assertCredentialsAction(analysis);
	}

	@Test
	void missingCredentialsWhenUsernameMissingShouldSaySo() {
		FailureAnalysis analysis = new MissingAriCredentialsFailureAnalyzer()
			.analyze(wrap(new MissingAriCredentialsException(false, true)));
		assertThat(analysis.getDescription()).startsWith("ari.password is set but ari.username is not. ");
		assertCredentialsAction(analysis);
	}

	@Test
	void missingCredentialsWhenNeitherSetShouldSaySo() {
		FailureAnalysis analysis = new MissingAriCredentialsFailureAnalyzer()
			.analyze(wrap(new MissingAriCredentialsException(false, false)));
		assertThat(analysis.getDescription()).startsWith("Neither ari.username nor ari.password is set");
		assertCredentialsAction(analysis);
	}

	@Test
	void missingApplicationsShouldExplainAndOfferBothWaysOut() {
		MissingAriApplicationsException cause = new MissingAriApplicationsException();
		FailureAnalysis analysis = new MissingAriApplicationsFailureAnalyzer().analyze(wrap(cause));
		assertThat(analysis.getDescription()).startsWith("No Stasis application is configured: ari.applications is empty")
			.contains("ari.listener.auto-startup=true");
		assertThat(analysis.getAction()).contains("\n    ari.applications=hello-world\n")
			.contains("[asterisk_ari] application=hello-world")
			.contains("set ari.listener.auto-startup=false instead");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	private static void assertUrlAction(FailureAnalysis analysis) {
		assertThat(analysis.getAction()).contains("\n    ari.url=http://localhost:8088\n")
			.contains("use https:// for TLS")
			.contains("phpari.ini")
			.endsWith("\n    spring.config.import=optional:file:phpari.ini");
		assertThat(analysis.getCause()).isInstanceOf(InvalidAriUrlException.class);
	}

	private static void assertCredentialsAction(FailureAnalysis analysis) {
		assertThat(analysis.getAction()).contains("\n    ari.username=asterisk\n    ari.password=secret\n")
			.contains("ari.conf")
			.contains("spring.config.import=optional:file:phpari.ini");
		assertThat(analysis.getCause()).isInstanceOf(MissingAriCredentialsException.class);
	}

	private static InvalidAriUrlException urlFailure(String url) {
		return catchThrowableOfType(InvalidAriUrlException.class, () -> AriUrls.baseUri(url));
	}

	private static BeanCreationException wrap(Throwable cause) {
		return new BeanCreationException("ariClientFactory", "Failed to instantiate", cause);
	}

}
