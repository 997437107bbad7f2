/**
 * JUnit 5 integration: an extension that runs the ARI simulator for plain tests.
 */
package io.github.arispring.test.junit;
