/**
 * An embedded ARI server that behaves as the recorded Asterisk 23.4.1 does, and the scenario API that drives it.
 */
package io.github.arispring.test.simulator;
