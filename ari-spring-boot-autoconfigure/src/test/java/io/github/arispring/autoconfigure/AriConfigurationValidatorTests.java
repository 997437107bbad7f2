package io.github.arispring.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import io.github.arispring.listener.MissingAriApplicationsException;

/**
 * Tests for {@link AriConfigurationValidator}.
 */
class AriConfigurationValidatorTests {

	@Test
	void validateCredentialsWhenBothSetShouldPass() {
		assertThatNoException().isThrownBy(() -> AriConfigurationValidator.validateCredentials("asterisk", "secret"));
	}

	@Test
	void validateCredentialsWhenPasswordMissingShouldFail() {
		assertThatExceptionOfType(MissingAriCredentialsException.class)
			.isThrownBy(() -> AriConfigurationValidator.validateCredentials("asterisk", null))
			.withMessage("ari.username is set but ari.password is not")
			.satisfies((ex) -> assertThat(ex.isUsernameSet()).isTrue())
			.satisfies((ex) -> assertThat(ex.isPasswordSet()).isFalse());
	}

	@Test
	void validateCredentialsWhenUsernameBlankShouldFail() {
		assertThatExceptionOfType(MissingAriCredentialsException.class)
			.isThrownBy(() -> AriConfigurationValidator.validateCredentials("  ", "secret"))
			.withMessage("ari.password is set but ari.username is not");
	}

	@Test
	void validateCredentialsWhenNeitherSetShouldFail() {
		assertThatExceptionOfType(MissingAriCredentialsException.class)
			.isThrownBy(() -> AriConfigurationValidator.validateCredentials(null, ""))
			.withMessageStartingWith("Neither ari.username nor ari.password is set");
	}

	@Test
	void validateCredentialsShouldCheckConnectionDetails() {
		assertThatExceptionOfType(MissingAriCredentialsException.class)
			.isThrownBy(() -> AriConfigurationValidator.validateCredentials(details("asterisk", null)));
		assertThatNoException()
			.isThrownBy(() -> AriConfigurationValidator.validateCredentials(details("asterisk", "secret")));
	}

	@Test
	void requireApplicationsShouldStripBlanksAndDuplicates() {
		assertThat(AriConfigurationValidator.requireApplications(Arrays.asList(" ivr ", "", null, "queue", "ivr")))
			.containsExactly("ivr", "queue");
	}

	@Test
	void requireApplicationsWhenOnlyBlanksShouldFail() {
		assertThatExceptionOfType(MissingAriApplicationsException.class)
			.isThrownBy(() -> AriConfigurationValidator.requireApplications(List.of(" ", "")))
			.withMessageContaining("ari.applications is empty");
	}

	@Test
	void validateListenerWhenAutoStartupAndNoApplicationShouldFail() {
		AriProperties properties = new AriProperties();
		assertThatExceptionOfType(MissingAriApplicationsException.class)
			.isThrownBy(() -> AriConfigurationValidator.validateListener(properties, details("asterisk", "secret")));
	}

	@Test
	void validateListenerWhenNotAutoStartupAndNoApplicationShouldPass() {
		AriProperties properties = new AriProperties();
		properties.getListener().setAutoStartup(false);
		assertThat(AriConfigurationValidator.validateListener(properties, details("asterisk", "secret"))).isEmpty();
	}

	@Test
	void validateListenerWhenApplicationsSetShouldReturnThem() {
		AriProperties properties = new AriProperties();
		properties.setApplications(new ArrayList<>(List.of("hello-world", " ivr")));
		assertThat(AriConfigurationValidator.validateListener(properties, details("asterisk", "secret")))
			.containsExactly("hello-world", "ivr");
	}

	@Test
	void validateListenerWhenCredentialsMissingShouldFailEvenWithoutAutoStartup() {
		AriProperties properties = new AriProperties();
		properties.getListener().setAutoStartup(false);
		assertThatExceptionOfType(MissingAriCredentialsException.class)
			.isThrownBy(() -> AriConfigurationValidator.validateListener(properties, details(null, null)));
	}

	private static AriConnectionDetails details(@Nullable String username, @Nullable String password) {
		return new AriConnectionDetails() {

			@Override
			public URI getBaseUri() {
				return URI.create("http://localhost:8088/ari");
			}

			@Override
			public @Nullable String getUsername() {
				return username;
			}

			@Override
			public @Nullable String getPassword() {
				return password;
			}

		};
	}

}
