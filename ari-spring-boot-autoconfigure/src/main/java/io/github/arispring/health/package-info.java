/**
 * Health of the connection to Asterisk: the events WebSocket and a REST round trip.
 */
package io.github.arispring.health;
