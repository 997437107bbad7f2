package io.github.arispring.autoconfigure;

/**
 * The ARI user name or password is missing. Asterisk's REST interface and its events
 * WebSocket always require a user from {@code ari.conf}, so starting without one would only
 * fail later with {@code 401 Unauthorized}.
 */
public class MissingAriCredentialsException extends IllegalStateException {

	private final boolean usernameSet;

	private final boolean passwordSet;

	/**
	 * Creates an exception.
	 * @param usernameSet whether a user name is set
	 * @param passwordSet whether a password is set
	 */
	public MissingAriCredentialsException(boolean usernameSet, boolean passwordSet) {
		super(describe(usernameSet, passwordSet));
		this.usernameSet = usernameSet;
		this.passwordSet = passwordSet;
	}

	static String describe(boolean usernameSet, boolean passwordSet) {
		if (usernameSet) {
			return "ari.username is set but ari.password is not";
		}
		if (passwordSet) {
			return "ari.password is set but ari.username is not";
		}
		return "Neither ari.username nor ari.password is set, but Asterisk's REST interface always requires an ARI user";
	}

	/**
	 * Whether a user name is set.
	 * @return {@code true} if the user name is set
	 */
	public boolean isUsernameSet() {
		return this.usernameSet;
	}

	/**
	 * Whether a password is set.
	 * @return {@code true} if the password is set
	 */
	public boolean isPasswordSet() {
		return this.passwordSet;
	}

}
