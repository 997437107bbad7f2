package io.github.arispring.listener;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Stasis application names as Asterisk sends them. A per-call outbound WebSocket
 * ({@code connection_type = per_call_config} in {@code websocket_client.conf}) registers
 * the application {@code <app>:<channel name>}, such as
 * {@code per-call-app:Local/per-call-app@stasis-app-00000017;2}: one name per call. The
 * configured name is the part before the first colon (channel names may contain colons, as
 * {@code IAX2/127.0.0.1:4569-1}; application names do not).
 */
public final class AriApplicationNames {

	private AriApplicationNames() {
	}

	/**
	 * The configured application of a name: the name itself, or the part before the first
	 * colon of a per-call name. This is the value meters and observations are tagged with,
	 * so that per-call names do not make one tag value per call.
	 * @param application the name as Asterisk sent it
	 * @return the configured name, or {@code null} for {@code null}
	 */
	public static @Nullable String baseName(@Nullable String application) {
		if (application == null) {
			return null;
		}
		int colon = application.indexOf(':');
		return (colon > 0) ? application.substring(0, colon) : application;
	}

	/**
	 * The channel name of a per-call application name.
	 * @param application the name as Asterisk sent it
	 * @return the part after the first colon, or {@code null} if the name is not a per-call
	 * one
	 */
	public static @Nullable String channelName(@Nullable String application) {
		if (application == null) {
			return null;
		}
		int colon = application.indexOf(':');
		return (colon > 0 && colon < application.length() - 1) ? application.substring(colon + 1) : null;
	}

	/**
	 * Whether a name Asterisk sent is one of the given configured applications: equal to one,
	 * or a per-call name of one.
	 * @param configured the configured names
	 * @param application the name as Asterisk sent it
	 * @return {@code true} if it matches
	 */
	public static boolean matches(Collection<String> configured, @Nullable String application) {
		if (application == null) {
			return false;
		}
		return configured.contains(application) || configured.contains(baseName(application));
	}

}
