/**
 * Spring Boot test integration: {@code @AutoConfigureAriSimulator} and the connection details it supplies.
 */
package io.github.arispring.test.autoconfigure;
