/**
 * The Spring environment: phpari's {@code phpari.ini} (and any INI file) as a property source,
 * and this instance's {@code ari.instance-id}.
 */
package io.github.arispring.env;
