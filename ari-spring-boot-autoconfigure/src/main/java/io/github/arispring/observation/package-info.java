/**
 * Observations of event handling: {@code ari.event.process}, documented and with a replaceable convention.
 */
package io.github.arispring.observation;
