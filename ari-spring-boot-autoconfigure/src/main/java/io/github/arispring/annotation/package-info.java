/**
 * {@code @StasisEventHandler} methods: discovery, filtering by type, application and SpEL condition, and invocation.
 */
package io.github.arispring.annotation;
