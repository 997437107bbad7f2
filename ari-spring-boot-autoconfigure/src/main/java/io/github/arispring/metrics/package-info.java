/**
 * Micrometer meters for the events listener (events received, dropped and rejected, the
 * WebSocket's connection state and reconnects), for the REST clients' connection pool, and for
 * broadcast claims and applications in standby.
 */
package io.github.arispring.metrics;
