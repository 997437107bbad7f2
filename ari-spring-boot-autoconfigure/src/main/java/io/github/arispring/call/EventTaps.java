package io.github.arispring.call;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventKeys;
import io.github.arispring.event.PlaybackEvent;
import io.github.arispring.event.RecordingEvent;
import io.github.arispring.listener.AriEventSource;

/**
 * Who waits for the events of which channel, bridge, playback or recording. Taps run on the
 * event lane of their resource and must not block: they complete futures and queue digits.
 * A tap is added before the request that causes its events, so none is missed when Asterisk
 * sends the event before its REST answer.
 */
final class EventTaps {

	private static final Log logger = LogFactory.getLog(EventTaps.class);

	static final String CHANNEL = "channel:";

	static final String BRIDGE = "bridge:";

	static final String PLAYBACK = "playback:";

	static final String RECORDING = "recording:";

	private final ConcurrentHashMap<String, List<Consumer<AriEvent>>> taps = new ConcurrentHashMap<>();

	/**
	 * Adds a tap.
	 * @param source the Asterisk the resource lives on
	 * @param key such as {@code channel:1795836578.1}
	 * @param tap what to call with each event of the resource
	 * @return removes the tap
	 */
	ListenerRegistration add(AriEventSource source, String key, Consumer<AriEvent> tap) {
		String fullKey = key(source, key);
		this.taps.compute(fullKey, (ignored, list) -> {
			List<Consumer<AriEvent>> result = (list != null) ? list : new CopyOnWriteArrayList<>();
			result.add(tap);
			return result;
		});
		return () -> this.taps.computeIfPresent(fullKey, (ignored, list) -> {
			list.remove(tap);
			return list.isEmpty() ? null : list;
		});
	}

	boolean has(AriEventSource source, String key) {
		return this.taps.containsKey(key(source, key));
	}

	int size() {
		return this.taps.size();
	}

	/** Whether anyone waits for this event. */
	boolean wants(AriEvent event, AriEventSource source) {
		if (this.taps.isEmpty()) {
			return false;
		}
		return has(source, CHANNEL, AriEventKeys.channelId(event)) || has(source, BRIDGE, AriEventKeys.bridgeId(event))
				|| (event instanceof PlaybackEvent playbackEvent && playbackEvent.playback() != null
						&& has(source, PLAYBACK, playbackEvent.playback().id()))
				|| (event instanceof RecordingEvent recordingEvent && recordingEvent.recording() != null
						&& has(source, RECORDING, recordingEvent.recording().name()));
	}

	private boolean has(AriEventSource source, String kind, @Nullable String id) {
		return id != null && this.taps.containsKey(key(source, kind + id));
	}

	void deliver(AriEvent event, AriEventSource source) {
		deliver(event, source, CHANNEL, AriEventKeys.channelId(event));
		deliver(event, source, BRIDGE, AriEventKeys.bridgeId(event));
		if (event instanceof PlaybackEvent playbackEvent && playbackEvent.playback() != null) {
			deliver(event, source, PLAYBACK, playbackEvent.playback().id());
		}
		if (event instanceof RecordingEvent recordingEvent && recordingEvent.recording() != null) {
			deliver(event, source, RECORDING, recordingEvent.recording().name());
		}
	}

	private void deliver(AriEvent event, AriEventSource source, String kind, @Nullable String id) {
		if (id == null) {
			return;
		}
		List<Consumer<AriEvent>> list = this.taps.get(key(source, kind + id));
		if (list == null) {
			return;
		}
		for (Consumer<AriEvent> tap : list) {
			try {
				tap.accept(event);
			}
			catch (RuntimeException ex) {
				logger.error("ARI call listener failed on " + event.type() + " of " + kind + id, ex);
			}
		}
	}

	private static String key(AriEventSource source, String key) {
		return source.name() + '|' + key;
	}

}
