package io.github.arispring.test.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.arispring.event.ChannelDialplan;
import io.github.arispring.event.Dial;
import io.github.arispring.model.Channel;

/**
 * Calls the application places: {@code POST /channels} (originate, originateWithId, create) and
 * {@code POST /channels/{id}/dial}, and the far end answering them. The channels themselves
 * belong to {@link Channels}.
 */
final class Originations {

	private static final Log logger = LogFactory.getLog(AriSimulator.class);

	private static final Set<String> TECHNOLOGIES = Set.of("Local", "PJSIP", "IAX2", "DAHDI", "Console",
			"AudioSocket", "WebSocket", "UnicastRTP", "MulticastRTP", "Motif");

	private final SimulatorState state;

	Originations(SimulatorState state) {
		this.state = state;
	}

	Channel originate(OriginateRequest request) {
		return this.state.locked(() -> {
			String endpoint = request.endpoint();
			if (endpoint == null || endpoint.isEmpty()) {
				throw AriError.badRequest("Endpoint must be specified");
			}
			int slash = endpoint.indexOf('/');
			if (slash <= 0 || slash == endpoint.length() - 1) {
				throw AriError.badRequest("Invalid endpoint specified");
			}
			if (!request.staged() && Strings.isEmpty(request.app()) && Strings.isEmpty(request.extension())) {
				throw AriError.badRequest("Application or extension must be specified");
			}
			if (request.staged() && Strings.isEmpty(request.app())) {
				// Asterisk checks nothing here; this is the simulator's own message.
				throw AriError.badRequest("Application must be specified");
			}
			for (String id : new String[] { request.channelId(), request.otherChannelId() }) {
				if (id != null && this.state.channels.find(id) != null) {
					throw AriError.conflict("Channel with given unique ID already exists");
				}
			}
			String technology = endpoint.substring(0, slash);
			String resource = endpoint.substring(slash + 1);
			if (!TECHNOLOGIES.contains(technology)) {
				throw AriError.allocationFailed();
			}
			SimChannel channel = createOutbound(request, technology, resource);
			Channel answer = channel.snapshot();
			if (request.staged()) {
				channel.staged = true;
				channel.appName = "Stasis";
				channel.appData = Channels.stasisData(request.app(), request.args());
				this.state.emit(new ChannelDialplan("ChannelDialplan", this.state.now(), channel.snapshot(),
						channel.appName, channel.appData, this.state.id(), null, null), channel.subscribers);
				this.state.channels.enterStasis(channel, request.app(), request.args(), true);
			}
			else {
				this.state.emit(dial(channel, "", resource), channel.subscribers);
				this.state.later(this.state.settings.answerDelay(), () -> farEndAnswers(channel, request));
			}
			return answer;
		});
	}

	private SimChannel createOutbound(OriginateRequest request, String technology, String resource) {
		Channels channels = this.state.channels;
		boolean local = "Local".equals(technology);
		String context = local ? Strings.after(resource, '@', "default")
				: Strings.orDefault(request.context(), "default");
		String exten = local ? Strings.before(resource, '@') : Strings.orDefault(request.extension(), "s");
		// PJSIP names a channel after the endpoint: PJSIP/1000@trunk is PJSIP/trunk-<n>.
		String device = "PJSIP".equals(technology) ? Strings.after(resource, '@', resource) : resource;
		String name = technology + "/" + device + "-" + channels.nextSuffix(technology);
		SimChannel channel = channels.newChannel(request.channelId(), local ? name + ";1" : name, true, false, "Down");
		channel.endpoint = technology + "/" + resource;
		channel.dialstring = resource;
		channel.context = context;
		channel.exten = exten;
		if (!request.staged()) {
			channel.appName = "AppDial2";
			channel.appData = "(Outgoing Line)";
		}
		SimChannel farHalf = null;
		if (local) {
			farHalf = channels.newChannel(request.otherChannelId(), name + ";2", true, true, "Ring");
			farHalf.context = context;
			farHalf.exten = exten;
			channel.peer = farHalf;
			farHalf.peer = channel;
		}
		String[] callerId = Channels.parseCallerId(request.callerId());
		List<SimChannel> halves = (farHalf != null) ? List.of(channel, farHalf) : List.of(channel);
		for (SimChannel half : halves) {
			half.caller = SimChannel.callerId(callerId[0], callerId[1]);
			half.connected = half.caller;
			channels.announceCreated(half);
			// Originate subscribes the application to both halves, create only to its own.
			if (!Strings.isEmpty(request.app()) && (half == channel || !request.staged())) {
				half.subscribers.add(request.app());
			}
		}
		// Variables reach both halves of a Local pair; the recorded ChannelVarset came from ;2.
		request.variables().forEach((variable, value) -> {
			halves.forEach((half) -> Channels.storeVariable(half, variable, value));
			if (!variable.endsWith(")")) {
				channels.emitVarset(halves.get(halves.size() - 1), variable, value);
			}
		});
		return channel;
	}

	/** The far end answers: the recorded "Local channel ordering" without the dialplan's own events. */
	private void farEndAnswers(SimChannel channel, OriginateRequest request) {
		if (channel.hangingUp) {
			return;
		}
		SimChannel farHalf = channel.peer;
		if (farHalf != null && !farHalf.hangingUp) {
			this.state.channels.setState(farHalf, "Up");
		}
		this.state.channels.setState(channel, "Up");
		this.state.emit(dial(channel, "ANSWER", channel.dialstring), channel.subscribers);
		if (Strings.isEmpty(request.app())) {
			return;
		}
		if (this.state.sockets.isRegistered(request.app())) {
			this.state.channels.enterStasis(channel, request.app(), request.args(), true);
		}
		else {
			// Stasis() fails for an application nobody has registered, and the call ends.
			logger.warn("Originated channel " + channel.id + " was answered, but no WebSocket has registered "
					+ request.app());
			this.state.channels.hangupFromRemoteLocked(channel);
		}
	}

	/** {@code POST /channels/{id}/dial}: dials a channel made by create; the far end answers later. */
	void dial(String channelId) {
		this.state.locked(() -> {
			SimChannel channel = this.state.channels.controlled(channelId);
			if (!"Down".equals(channel.state)) {
				throw AriError.conflict("Channel is not in the 'Down' state");
			}
			if (!channel.staged) {
				throw AriError.conflict("Dialing a channel not created by ARI");
			}
			channel.staged = false;
			this.state.emit(dial(channel, "", channel.dialstring), channel.subscribers);
			this.state.later(this.state.settings.answerDelay(), () -> {
				if (!channel.hangingUp) {
					this.state.channels.setState(channel, "Up");
					this.state.emit(dial(channel, "ANSWER", ""), channel.subscribers);
				}
			});
		});
	}

	private Dial dial(SimChannel peer, String dialstatus, @Nullable String dialstring) {
		return new Dial("Dial", this.state.now(), null, peer.snapshot(), "", null, dialstring, dialstatus,
				this.state.id(), null, null);
	}

	/** The parameters of originate, originateWithId and create. */
	record OriginateRequest(@Nullable String endpoint, @Nullable String extension, @Nullable String context,
			@Nullable String app, List<String> args, @Nullable String callerId, Map<String, String> variables,
			@Nullable String channelId, @Nullable String otherChannelId, boolean staged) {

	}

}
