package io.github.arispring.test.simulator;

/**
 * An event frame the simulator sent over an events WebSocket.
 *
 * @param application the application it was sent to
 * @param type the event type, such as {@code StasisStart}
 * @param json the frame, exactly as sent
 */
public record SentEvent(String application, String type, String json) {

}
