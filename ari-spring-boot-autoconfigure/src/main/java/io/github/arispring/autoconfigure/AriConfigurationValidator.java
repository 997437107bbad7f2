package io.github.arispring.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import io.github.arispring.listener.MissingAriApplicationsException;

/**
 * Checks the ARI configuration at start-up, so that a missing setting fails with an
 * explanation (see the failure analyzers) rather than with {@code 401} or {@code 400}
 * answers later. The client auto-configuration checks the credentials; the events listener
 * calls {@link #validateListener(AriProperties, AriConnectionDetails)} before it starts.
 */
public final class AriConfigurationValidator {

	private AriConfigurationValidator() {
	}

	/**
	 * Checks that both a user name and a password are set: Asterisk always requires them.
	 * @param username the ARI user
	 * @param password the password
	 * @throws MissingAriCredentialsException if either or both are missing or blank
	 */
	public static void validateCredentials(@Nullable String username, @Nullable String password) {
		boolean usernameSet = username != null && !username.isBlank();
		boolean passwordSet = password != null && !password.isBlank();
		if (!usernameSet || !passwordSet) {
			throw new MissingAriCredentialsException(usernameSet, passwordSet);
		}
	}

	/**
	 * Checks the credentials of the given connection details.
	 * @param connectionDetails the connection details
	 * @throws MissingAriCredentialsException if either or both are missing or blank
	 */
	public static void validateCredentials(AriConnectionDetails connectionDetails) {
		validateCredentials(connectionDetails.getUsername(), connectionDetails.getPassword());
	}

	/**
	 * The application names to register, stripped, without blanks and duplicates.
	 * @param applications the names as configured
	 * @return the names to register, never empty
	 * @throws MissingAriApplicationsException if no name remains
	 */
	public static List<String> requireApplications(@Nullable List<String> applications) {
		List<String> names = applications(applications);
		if (names.isEmpty()) {
			throw new MissingAriApplicationsException();
		}
		return names;
	}

	/**
	 * Checks what the events listener needs: credentials always, and at least one
	 * application when it starts with the application context
	 * ({@code ari.listener.auto-startup}, the default). A listener started by hand later
	 * should call {@link #requireApplications(List)} in its {@code start()}.
	 * @param properties the ARI properties
	 * @param connectionDetails the connection details
	 * @return the application names to register, stripped, without blanks and duplicates;
	 * empty only if the listener does not start automatically
	 * @throws MissingAriCredentialsException if either or both credentials are missing
	 * @throws MissingAriApplicationsException if the listener starts automatically and no
	 * application is configured
	 */
	public static List<String> validateListener(AriProperties properties, AriConnectionDetails connectionDetails) {
		validateCredentials(connectionDetails);
		if (properties.getListener().isAutoStartup()) {
			return requireApplications(properties.getApplications());
		}
		return applications(properties.getApplications());
	}

	static List<String> applications(@Nullable List<String> applications) {
		Set<String> names = new LinkedHashSet<>();
		if (applications != null) {
			for (String name : applications) {
				if (name != null && !name.isBlank()) {
					names.add(name.strip());
				}
			}
		}
		return List.copyOf(names);
	}

}
