package io.github.arispring.test.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.github.arispring.event.BridgeCreated;
import io.github.arispring.event.BridgeDestroyed;
import io.github.arispring.event.ChannelEnteredBridge;
import io.github.arispring.event.ChannelLeftBridge;
import io.github.arispring.model.Bridge;

/**
 * The {@code /bridges} resource: bridges and the channels that join and leave them.
 */
final class Bridges {

	private static final Set<String> BRIDGE_TYPES = Set.of("mixing", "holding", "dtmf_events", "proxy_media",
			"video_sfu", "video_single", "sdp_label");

	private final SimulatorState state;

	private final Map<String, SimBridge> bridges = new LinkedHashMap<>();

	Bridges(SimulatorState state) {
		this.state = state;
	}

	/** Under the lock: the bridge with an id, or {@code null}. */
	@Nullable SimBridge find(String bridgeId) {
		return this.bridges.get(bridgeId);
	}

	/** Under the lock: the bridges, oldest first. */
	Collection<SimBridge> all() {
		return this.bridges.values();
	}

	/** Under the lock: forgets every bridge, without events. */
	void reset() {
		this.bridges.clear();
	}

	List<Bridge> list() {
		return this.state.read(() -> this.bridges.values().stream().map(SimBridge::snapshot).toList());
	}

	Bridge get(String bridgeId) {
		return this.state
			.read(() -> SimulatorState.require(this.bridges, bridgeId, AriError::bridgeNotFound).snapshot());
	}

	Bridge create(@Nullable String bridgeId, @Nullable String type, @Nullable String name) {
		return this.state.locked(() -> {
			List<String> types = Strings.csv(type);
			if (!BRIDGE_TYPES.containsAll(types)) {
				throw AriError.of(500, "Internal Error", "Unable to create bridge. Possible duplicate bridge id '"
						+ ((bridgeId != null) ? bridgeId : "(null)") + "'");
			}
			if (bridgeId != null && this.bridges.containsKey(bridgeId)) {
				throw AriError.conflict("Bridge with id '" + bridgeId + "' already exists");
			}
			String id = (bridgeId != null) ? bridgeId : UUID.randomUUID().toString();
			SimBridge bridge = new SimBridge(id, (name != null) ? name : "",
					types.contains("holding") ? "holding" : "mixing", this.state.now());
			this.bridges.put(id, bridge);
			// Nobody is subscribed to a bridge made by POST /bridges: only subscribeAll sees this.
			this.state.emit(new BridgeCreated("BridgeCreated", this.state.now(), bridge.snapshot(), this.state.id(),
					null, null), Set.of());
			return bridge.snapshot();
		});
	}

	void destroy(String bridgeId) {
		this.state.locked(() -> {
			SimBridge bridge = SimulatorState.require(this.bridges, bridgeId, AriError::bridgeNotFound);
			new ArrayList<>(bridge.channels).forEach((channel) -> leaveBridge(channel, false));
			this.state.stopMedia(bridge);
			this.bridges.remove(bridgeId);
			this.state.emit(new BridgeDestroyed("BridgeDestroyed", this.state.now(), bridge.snapshot(),
					this.state.id(), null, null), bridge.subscribers());
		});
	}

	void addChannels(String bridgeId, List<String> channelIds) {
		this.state.locked(() -> {
			SimBridge bridge = controlled(bridgeId);
			for (SimChannel channel : members(channelIds)) {
				if (channel.bridge == bridge) {
					continue;
				}
				if (channel.bridge != null) {
					leaveBridge(channel, false);
				}
				joinBridge(bridge, channel);
			}
		});
	}

	void removeChannels(String bridgeId, List<String> channelIds) {
		this.state.locked(() -> {
			SimBridge bridge = controlled(bridgeId);
			List<SimChannel> members = members(channelIds);
			if (members.stream().anyMatch((channel) -> channel.bridge != bridge)) {
				throw AriError.unprocessable("Channel not in this bridge");
			}
			members.forEach((channel) -> leaveBridge(channel, false));
		});
	}

	/** Under the lock: the bridge to play to or record, or Asterisk's 404 for that. */
	SimBridge controlled(String bridgeId) {
		return SimulatorState.require(this.bridges, bridgeId, AriError::bridgeNotFoundForControl);
	}

	private List<SimChannel> members(List<String> channelIds) {
		List<SimChannel> members = new ArrayList<>();
		for (String channelId : channelIds) {
			SimChannel channel = this.state.channels.find(channelId);
			if (channel == null) {
				throw AriError.badRequest("Channel not found");
			}
			if (!channel.inStasis()) {
				throw AriError.unprocessable("Channel not in Stasis application");
			}
			members.add(channel);
		}
		if (members.isEmpty()) {
			throw AriError.badRequest("Missing parameter channel");
		}
		return members;
	}

	private void joinBridge(SimBridge bridge, SimChannel channel) {
		bridge.channels.add(channel);
		bridge.softmix |= bridge.channels.size() > 2;
		channel.bridge = bridge;
		channel.bridgeApp = channel.stasisApp;
		bridge.memberJoined(channel.bridgeApp);
		this.state.emit(new ChannelEnteredBridge("ChannelEnteredBridge", this.state.now(), bridge.snapshot(),
				channel.snapshot(), this.state.id(), null, null), union(channel.subscribers, bridge.subscribers()));
		for (SimChannel member : bridge.channels) {
			String peers = String.join(",", bridge.channels.stream()
				.filter((other) -> other != member)
				.map((other) -> other.name)
				.toList());
			if (!peers.isEmpty() && !peers.equals(member.variables.get("BRIDGEPEER"))) {
				this.state.channels.setVariable(member, "BRIDGEPEER", peers);
			}
			if (member != channel) {
				member.bridgedWith.add(channel.id);
				channel.bridgedWith.add(member.id);
			}
		}
	}

	/** Under the lock: a channel leaves its bridge, if it is in one. */
	void leaveBridge(SimChannel channel, boolean hungUp) {
		SimBridge bridge = channel.bridge;
		if (bridge == null) {
			return;
		}
		if (!Strings.isEmpty(channel.variables.get("BRIDGEPEER"))) {
			this.state.channels.setVariable(channel, "BRIDGEPEER", "");
		}
		bridge.channels.remove(channel);
		channel.bridge = null;
		this.state.emit(new ChannelLeftBridge("ChannelLeftBridge", this.state.now(), bridge.snapshot(),
				channel.snapshot(), this.state.id(), null, null), union(channel.subscribers, bridge.subscribers()));
		if (!hungUp) {
			bridge.memberLeft(channel.bridgeApp);
		}
		channel.bridgeApp = null;
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new LinkedHashSet<>(first);
		union.addAll(second);
		return union;
	}

}
