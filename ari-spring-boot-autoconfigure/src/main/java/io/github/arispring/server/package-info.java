/**
 * Several Asterisk servers: each server's clients, events listener and pool, by name and by
 * {@code asterisk_id}.
 */
package io.github.arispring.server;
