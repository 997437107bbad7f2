/**
 * REST calls over an ARI WebSocket (RESTRequest and RESTResponse frames), under the same
 * WebClient as HTTP, and the routing between the two transports.
 */
package io.github.arispring.client.websocket;
