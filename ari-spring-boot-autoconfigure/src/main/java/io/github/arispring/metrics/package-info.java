/**
 * Micrometer meters for the events listener (events received, dropped and rejected, the
 * WebSocket's connection state and reconnects) and for the REST clients' connection pool.
 */
package io.github.arispring.metrics;
