package io.github.arispring.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The Basic credentials Asterisk must send when it connects ({@code username} and
 * {@code password} of the client in {@code websocket_client.conf}). Compared in constant
 * time, so that the answer's timing tells nothing about how much of a guess was right.
 */
public final class AriOutboundCredentials {

	private static final String BASIC = "Basic ";

	private final String username;

	private final byte[] expected;

	/**
	 * Creates credentials.
	 * @param username the user name
	 * @param password the password
	 */
	public AriOutboundCredentials(String username, String password) {
		this.username = username;
		this.expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The user name, for messages; the password is never shown.
	 * @return the user name
	 */
	public String getUsername() {
		return this.username;
	}

	/**
	 * Whether an {@code Authorization} header carries these credentials.
	 * @param authorization the header's value, or {@code null} if absent
	 * @return {@code true} if it does
	 */
	public boolean matches(@Nullable String authorization) {
		if (authorization == null || authorization.length() <= BASIC.length()
				|| !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return false;
		}
		byte[] given;
		try {
			given = Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(this.expected, given);
	}

	@Override
	public String toString() {
		return "AriOutboundCredentials[" + this.username + "]";
	}

}
