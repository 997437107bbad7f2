package io.github.arispring.test.simulator;

import java.util.ArrayList;
import java.util.List;

import io.github.arispring.model.Application;

/**
 * The {@code /applications} resource: the registered Stasis applications and the channels and
 * bridges each is subscribed to.
 */
final class Applications {

	private final SimulatorState state;

	Applications(SimulatorState state) {
		this.state = state;
	}

	List<Application> list() {
		return this.state.read(() -> this.state.sockets.registeredApplications().stream()
			.map(this::snapshot)
			.toList());
	}

	Application get(String name) {
		return this.state.read(() -> {
			requireApplication(name);
			return snapshot(name);
		});
	}

	Application subscribe(String name, List<String> eventSources, boolean subscribe) {
		return this.state.locked(() -> {
			requireApplication(name);
			if (eventSources.isEmpty()) {
				throw AriError.badRequest("Missing parameter eventSource");
			}
			List<Runnable> changes = new ArrayList<>();
			for (String source : eventSources) {
				int colon = source.indexOf(':');
				String scheme = (colon > 0) ? source.substring(0, colon) : "";
				String id = source.substring(colon + 1);
				switch (scheme) {
					case "channel" -> {
						SimChannel channel = this.state.channels.find(id);
						if (channel == null) {
							throw AriError.unprocessable("Event source does not exist");
						}
						changes.add(() -> subscribeChannel(channel, name, subscribe));
					}
					case "bridge" -> {
						SimBridge bridge = this.state.bridges.find(id);
						if (bridge == null) {
							throw AriError.unprocessable("Event source does not exist");
						}
						changes.add(() -> {
							if (subscribe) {
								bridge.explicitSubscribers.add(name);
							}
							else {
								bridge.explicitSubscribers.remove(name);
							}
						});
					}
					case "endpoint", "deviceState" -> throw AriError.notImplemented(
							subscribe ? "applications.subscribe" : "applications.unsubscribe",
							"event source scheme " + scheme + ":");
					default -> throw AriError.badRequest("Invalid event source URI scheme");
				}
			}
			changes.forEach(Runnable::run);
			return snapshot(name);
		});
	}

	private void subscribeChannel(SimChannel channel, String application, boolean subscribe) {
		if (subscribe) {
			channel.explicitSubscribers.add(application);
			channel.subscribers.add(application);
		}
		else {
			channel.explicitSubscribers.remove(application);
			if (!application.equals(channel.stasisApp)) {
				channel.subscribers.remove(application);
			}
		}
	}

	private void requireApplication(String name) {
		if (!this.state.sockets.isRegistered(name)) {
			throw AriError.applicationNotFound();
		}
	}

	private Application snapshot(String name) {
		List<String> channelIds = this.state.channels.all().stream()
			.filter((channel) -> channel.subscribers.contains(name))
			.map((channel) -> channel.id)
			.toList();
		List<String> bridgeIds = this.state.bridges.all().stream()
			.filter((bridge) -> bridge.subscribers().contains(name))
			.map((bridge) -> bridge.id)
			.toList();
		return new Application(name, channelIds, bridgeIds, List.of(), List.of(), List.of(), List.of(), null);
	}

}
