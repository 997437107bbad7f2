/**
 * Reading phpari's {@code phpari.ini} (and any INI file) into the Spring environment.
 */
package io.github.arispring.env;
