package io.github.arispring.test.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What {@link AriSimulator.Builder} set.
 *
 * @param port the port to listen on, 0 for a random free one
 * @param users the ARI users by name
 * @param asteriskId the {@code asterisk_id} / {@code entity_id}
 * @param mediaDuration how long a media item plays; {@code null} for one that plays until stopped
 * @param answerDelay how long the far end of an originated call takes to answer
 * @param dtmfDurationMs the {@code duration_ms} of a digit the caller presses
 * @param dtmfInterval the time between digits the caller presses
 * @param clock the clock for time stamps and channel ids
 * @param applicationTimeout how long the scenario API waits for an application to connect
 * @param eventQueueCapacity the frames a WebSocket may have waiting before it is dropped
 * @param logCapacity the requests, events and calls kept for the scenario API
 * @param responseDelay how long a REST answer waits after the request was carried out
 */
record SimulatorSettings(int port, Map<String, User> users, String asteriskId,
		Function<String, @Nullable Duration> mediaDuration, Duration answerDelay, int dtmfDurationMs,
		Duration dtmfInterval, Clock clock, Duration applicationTimeout, int eventQueueCapacity, int logCapacity,
		Duration responseDelay) {

	record User(String password, boolean readOnly) {

	}

}
