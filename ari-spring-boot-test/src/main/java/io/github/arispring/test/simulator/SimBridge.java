package io.github.arispring.test.simulator;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.arispring.model.Bridge;

/**
 * A Stasis bridge. Every field is guarded by the simulator's lock.
 */
final class SimBridge extends MediaTarget {

	final String id;

	final String name;

	final String bridgeType;

	final OffsetDateTime creationtime;

	final List<SimChannel> channels = new ArrayList<>();

	/** Applications subscribed through {@code POST /applications/{app}/subscription}. */
	final Set<String> explicitSubscribers = new LinkedHashSet<>();

	/**
	 * Applications subscribed because one of their channels joined, counted per channel. Asterisk
	 * drops that subscription when the channel leaves, but not when it hangs up in the bridge;
	 * that is why BridgeDestroyed reaches an application in one case and not the other.
	 */
	private final Map<String, Integer> memberSubscribers = new HashMap<>();

	/** Asterisk moves a mixing bridge to softmix once a third channel joins, and keeps it there. */
	boolean softmix;

	SimBridge(String id, String name, String bridgeType, OffsetDateTime creationtime) {
		this.id = id;
		this.name = name;
		this.bridgeType = bridgeType;
		this.creationtime = creationtime;
	}

	void memberJoined(@Nullable String app) {
		if (app != null) {
			this.memberSubscribers.merge(app, 1, Integer::sum);
		}
	}

	void memberLeft(@Nullable String app) {
		if (app != null) {
			this.memberSubscribers.computeIfPresent(app, (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/** The applications that get this bridge's own events. */
	Set<String> subscribers() {
		Set<String> apps = new LinkedHashSet<>(this.explicitSubscribers);
		apps.addAll(this.memberSubscribers.keySet());
		return apps;
	}

	@Override
	String targetUri() {
		return "bridge:" + this.id;
	}

	@Override
	Set<String> mediaApps() {
		Set<String> apps = subscribers();
		this.channels.forEach((channel) -> apps.addAll(channel.subscribers));
		return apps;
	}

	@Override
	String language() {
		return "en";
	}

	@Override
	void heard(String mediaUri) {
		this.channels.forEach((channel) -> channel.heard(mediaUri));
	}

	Bridge snapshot() {
		boolean holding = "holding".equals(this.bridgeType);
		String technology = holding ? "holding_bridge" : (this.softmix ? "softmix" : "simple_bridge");
		return new Bridge(this.id, technology, this.bridgeType, "stasis", "Stasis", this.name,
				this.channels.stream().map((channel) -> channel.id).toList(), holding ? "none" : "talker", null,
				this.creationtime, null, null);
	}

}
