/**
 * The sealed {@link io.github.arispring.event.AriEvent} hierarchy of every message the events WebSocket carries.
 */
package io.github.arispring.event;
