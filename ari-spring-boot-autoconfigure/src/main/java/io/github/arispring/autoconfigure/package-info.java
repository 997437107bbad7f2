/**
 * Auto-configuration of the ARI clients and listener from {@code ari.*} properties.
 */
package io.github.arispring.autoconfigure;
