package io.github.arispring.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Recognises Reactor Netty's errors for a saturated connection pool (a request waited too long
 * for a connection, or found the queue of waiting requests full) and says so in terms of the
 * {@code ari.http.*} properties. Reactor Netty shades the pool library, so its exceptions are
 * recognised by their simple names.
 */
final class AriPoolSaturation {

	private static final String TIMEOUT = "PoolAcquireTimeoutException";

	private static final String PENDING_LIMIT = "PoolAcquirePendingLimitException";

	private static final String SESSION_LIMIT = "keeping it below sessionlimit in Asterisk's http.conf less what other "
			+ "clients of Asterisk use";

	private AriPoolSaturation() {
	}

	/**
	 * The message for a saturated pool.
	 * @param error the error of the exchange
	 * @param pool the pool of the client's connector, if known
	 * @param url the URL called
	 * @param operation the operation
	 * @return the message, or {@code null} if the error is not a saturated pool
	 */
	static @Nullable String describe(Throwable error, @Nullable AriConnectionPool pool, String url,
			@Nullable String operation) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			String name = t.getClass().getSimpleName();
			boolean timeout = name.equals(TIMEOUT);
			if (timeout || name.equals(PENDING_LIMIT)) {
				String start = "ARI " + AriConnectionException.name(operation) + " got no connection to Asterisk at "
						+ url;
				if (pool == null) {
					return start + ": the HTTP connection pool is saturated (" + t.getMessage() + ")";
				}
				return timeout ? start + " within " + format(pool.pendingAcquireTimeout()) + ": all "
						+ pool.maxConnections() + " connections stayed busy, with " + pool.pendingAcquires()
						+ " more requests waiting; the connection pool is saturated. Raise ari.http.max-connections, "
						+ SESSION_LIMIT + ", or ari.http.pending-acquire-timeout"
						: start + ": all " + pool.maxConnections() + " connections were busy and " + pool.maxPending()
								+ " requests already waiting; the connection pool is saturated. Raise "
								+ "ari.http.max-pending, or ari.http.max-connections " + SESSION_LIMIT;
			}
		}
		return null;
	}

	private static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
