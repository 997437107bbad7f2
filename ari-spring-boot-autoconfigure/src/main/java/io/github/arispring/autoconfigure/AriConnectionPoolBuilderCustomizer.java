package io.github.arispring.autoconfigure;

import io.github.arispring.client.AriConnectionPool;

/**
 * Adjusts the {@link AriConnectionPool} of the REST clients before it is built, after the
 * {@code ari.http.*} properties are applied. Beans of this type are applied in order.
 */
@FunctionalInterface
public interface AriConnectionPoolBuilderCustomizer {

	/**
	 * Adjusts the builder.
	 * @param builder the builder
	 */
	void customize(AriConnectionPool.Builder builder);

}
