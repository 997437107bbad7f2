/**
 * The minimal application whose start-up time is measured.
 */
package io.github.arispring.benchmarks.startup;
