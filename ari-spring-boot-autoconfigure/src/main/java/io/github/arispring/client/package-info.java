/**
 * Typed ARI REST clients: one HTTP interface per resource, blocking and reactive, their facades and exceptions.
 */
package io.github.arispring.client;
