package io.github.arispring.event;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.arispring.model.Bridge;
import io.github.arispring.model.Channel;
import io.github.arispring.model.Endpoint;

/**
 * What an event is about, as the listener orders events: the channel and the bridge it
 * concerns (playback and recording events concern their {@code target_uri}), else its
 * endpoint, else its application. Events with the same key are handled in arrival order.
 */
public final class AriEventKeys {

	private static final String CHANNEL = "channel:";

	private static final String BRIDGE = "bridge:";

	private AriEventKeys() {
	}

	/**
	 * The id of the channel the event is about: its {@code channel} (Dial's {@code peer}), or
	 * the channel a playback or recording targets.
	 * @param event the event
	 * @return the channel id, or {@code null}
	 */
	public static @Nullable String channelId(AriEvent event) {
		if (event instanceof ChannelEvent channelEvent) {
			Channel channel = channelEvent.channel();
			if (channel != null && channel.id() != null) {
				return channel.id();
			}
		}
		return target(event, CHANNEL);
	}

	/**
	 * The id of the bridge the event is about: its {@code bridge}, or the bridge a playback
	 * or recording targets.
	 * @param event the event
	 * @return the bridge id, or {@code null}
	 */
	public static @Nullable String bridgeId(AriEvent event) {
		if (event instanceof BridgeEvent bridgeEvent) {
			Bridge bridge = bridgeEvent.bridge();
			if (bridge != null && bridge.id() != null) {
				return bridge.id();
			}
		}
		return target(event, BRIDGE);
	}

	/**
	 * The keys the event is ordered by: {@code channel:<id>} and/or {@code bridge:<id>}, else
	 * {@code endpoint:<technology>/<resource>}, else {@code application:<name>}.
	 * @param event the event
	 * @return one or two keys
	 */
	public static List<String> orderingKeys(AriEvent event) {
		return orderingKeys(channelId(event), bridgeId(event),
				(event instanceof EndpointEvent endpointEvent) ? endpoint(endpointEvent.endpoint()) : null,
				event.application());
	}

	/**
	 * The ordering keys from what an event names, for a reader that has not bound it.
	 * @param channelId the channel id, or {@code null}
	 * @param bridgeId the bridge id, or {@code null}
	 * @param endpoint {@code technology/resource} of the endpoint, or {@code null}
	 * @param application the application, or {@code null}
	 * @return one or two keys
	 */
	public static List<String> orderingKeys(@Nullable String channelId, @Nullable String bridgeId,
			@Nullable String endpoint, @Nullable String application) {
		if (channelId != null && bridgeId != null) {
			return List.of(CHANNEL + channelId, BRIDGE + bridgeId);
		}
		if (channelId != null) {
			return List.of(CHANNEL + channelId);
		}
		if (bridgeId != null) {
			return List.of(BRIDGE + bridgeId);
		}
		return List.of((endpoint != null) ? "endpoint:" + endpoint : "application:" + application);
	}

	/**
	 * The id in a playback's or recording's {@code target_uri}, such as {@code channel:<id>}.
	 * @param targetUri the target URI, or {@code null}
	 * @param kind {@code "channel:"} or {@code "bridge:"}
	 * @return the id, or {@code null} if the target is of another kind
	 */
	public static @Nullable String targetId(@Nullable String targetUri, String kind) {
		return (targetUri != null && targetUri.startsWith(kind)) ? targetUri.substring(kind.length()) : null;
	}

	private static @Nullable String target(AriEvent event, String kind) {
		if (event instanceof PlaybackEvent playbackEvent && playbackEvent.playback() != null) {
			return targetId(playbackEvent.playback().targetUri(), kind);
		}
		if (event instanceof RecordingEvent recordingEvent && recordingEvent.recording() != null) {
			return targetId(recordingEvent.recording().targetUri(), kind);
		}
		return null;
	}

	private static @Nullable String endpoint(@Nullable Endpoint endpoint) {
		return (endpoint != null && endpoint.technology() != null)
				? endpoint.technology() + "/" + endpoint.resource() : null;
	}

}
