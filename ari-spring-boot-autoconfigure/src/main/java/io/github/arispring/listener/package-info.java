/**
 * The events WebSocket: connection, reconnection and dispatch of events in per-channel order.
 */
package io.github.arispring.listener;
