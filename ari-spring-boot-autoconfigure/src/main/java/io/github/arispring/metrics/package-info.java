/**
 * Micrometer meters for the events listener: events received, dropped and rejected, and the
 * WebSocket's connection state and reconnects, and the outcomes of broadcast claims.
 */
package io.github.arispring.metrics;
