/**
 * Throughput, latency, memory and start-up benchmarks of the ARI starter; {@link io.github.arispring.benchmarks.RunAll} runs them all.
 */
package io.github.arispring.benchmarks;
