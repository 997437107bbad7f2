package io.github.arispring.call;

/**
 * A listener added to a call; removed by {@link #close()} or when the call ends.
 */
@FunctionalInterface
public interface ListenerRegistration extends AutoCloseable {

	/**
	 * Removes the listener. Does nothing if it is removed already.
	 */
	@Override
	void close();

}
