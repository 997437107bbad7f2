package io.github.arispring.benchmarks;

import java.util.List;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.BridgeEvent;
import io.github.arispring.event.ChannelEvent;
import io.github.arispring.event.EndpointEvent;
import io.github.arispring.event.PlaybackEvent;
import io.github.arispring.event.RecordingEvent;

/**
 * The ordering keys of an event, as the dispatcher documents them: its channel and its
 * bridge (a channel in a bridge has both), else its endpoint, else its application.
 */
final class Keys {

	private Keys() {
	}

	static List<String> of(AriEvent event) {
		String channel = channel(event);
		String bridge = bridge(event);
		if (channel != null && bridge != null) {
			return List.of(channel, bridge);
		}
		if (channel != null) {
			return List.of(channel);
		}
		if (bridge != null) {
			return List.of(bridge);
		}
		if (event instanceof EndpointEvent endpointEvent && endpointEvent.endpoint() != null) {
			return List.of("endpoint:" + endpointEvent.endpoint().technology() + "/" + endpointEvent.endpoint().resource());
		}
		return List.of("application:" + event.application());
	}

	static String channel(AriEvent event) {
		if (event instanceof ChannelEvent channelEvent && channelEvent.channel() != null
				&& channelEvent.channel().id() != null) {
			return "channel:" + channelEvent.channel().id();
		}
		if (event instanceof PlaybackEvent playbackEvent && playbackEvent.playback() != null) {
			return target(playbackEvent.playback().targetUri(), "channel:");
		}
		if (event instanceof RecordingEvent recordingEvent && recordingEvent.recording() != null) {
			return target(recordingEvent.recording().targetUri(), "channel:");
		}
		return null;
	}

	static String bridge(AriEvent event) {
		if (event instanceof BridgeEvent bridgeEvent && bridgeEvent.bridge() != null
				&& bridgeEvent.bridge().id() != null) {
			return "bridge:" + bridgeEvent.bridge().id();
		}
		if (event instanceof PlaybackEvent playbackEvent && playbackEvent.playback() != null) {
			return target(playbackEvent.playback().targetUri(), "bridge:");
		}
		if (event instanceof RecordingEvent recordingEvent && recordingEvent.recording() != null) {
			return target(recordingEvent.recording().targetUri(), "bridge:");
		}
		return null;
	}

	private static String target(String targetUri, String prefix) {
		return (targetUri != null && targetUri.startsWith(prefix)) ? targetUri : null;
	}

}
