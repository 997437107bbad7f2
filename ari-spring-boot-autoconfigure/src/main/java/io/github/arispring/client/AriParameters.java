package io.github.arispring.client;

/**
 * A generated parameter object: the optional parameters of an operation that has many, each
 * component annotated with {@link AriQueryParam} or {@link AriBodyParam}.
 */
public interface AriParameters {

}
