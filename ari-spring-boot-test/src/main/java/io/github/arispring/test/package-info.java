/**
 * Test kit for ARI applications: an embedded Asterisk simulator and its JUnit and Spring Boot integration.
 */
package io.github.arispring.test;
