/**
 * Auto-configuration of the events listener's Micrometer meters.
 */
package io.github.arispring.autoconfigure.metrics;
