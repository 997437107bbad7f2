/**
 * The WebSocket endpoint Asterisk connects to (ARI outbound WebSockets, persistent and per
 * call), its connections and the clients that send REST calls back over them.
 */
package io.github.arispring.outbound;
