package io.github.arispring.listener;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The state of the events WebSocket, for health checks and diagnostics.
 */
public interface AriConnectionState {

	/**
	 * Whether the events WebSocket is open now.
	 * @return {@code true} if connected
	 */
	boolean isConnected();

	/**
	 * Why the last connection attempt failed or the last connection ended.
	 * @return the reason, or {@code null} if connected or never tried
	 */
	@Nullable String getLastFailure();

	/**
	 * The Stasis applications the WebSocket registers.
	 * @return the application names
	 */
	List<String> getApplications();

}
