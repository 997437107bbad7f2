/**
 * Taking part in {@code StasisBroadcast()}: claiming the calls Asterisk offers to several
 * applications, within this instance's capacity.
 */
package io.github.arispring.broadcast;
