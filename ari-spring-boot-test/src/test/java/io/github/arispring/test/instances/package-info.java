/**
 * Several instances of a Stasis application against one simulated Asterisk.
 */
package io.github.arispring.test.instances;
