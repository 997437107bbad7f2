/**
 * Calls as scripts: {@code @StasisCall} methods run once per call, off the event lanes, with blocking or reactive verbs that wait for their events and clean up.
 */
package io.github.arispring.call;
