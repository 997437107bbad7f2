package io.github.arispring.test.simulator;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.arispring.event.ApplicationMoveFailed;
import io.github.arispring.event.ChannelCreated;
import io.github.arispring.event.ChannelDestroyed;
import io.github.arispring.event.ChannelHangupRequest;
import io.github.arispring.event.ChannelStateChange;
import io.github.arispring.event.ChannelVarset;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.model.Channel;
import io.github.arispring.model.Variable;

/**
 * The {@code /channels} resource: the live channels and every call the simulator has had,
 * incoming calls, Stasis, state, hangups and variables. Calls the application places are
 * {@link Originations}'; digits are {@link Dtmf}'s.
 */
final class Channels {

	private static final Map<Integer, String> CAUSES = Map.ofEntries(Map.entry(1, "Unallocated (unassigned) number"),
			Map.entry(16, "Normal Clearing"), Map.entry(17, "User busy"), Map.entry(18, "No user responding"),
			Map.entry(19, "User alerting, no answer"), Map.entry(21, "Call Rejected"),
			Map.entry(26, "Answered elsewhere"), Map.entry(28, "Invalid number format (incomplete number)"),
			Map.entry(31, "Normal, unspecified"), Map.entry(34, "Circuit/channel congestion"),
			Map.entry(38, "Network out of order"), Map.entry(58, "Bearer capability not available"),
			Map.entry(127, "Interworking, unspecified"));

	private static final Map<String, Integer> HANGUP_REASONS = Map.ofEntries(Map.entry("normal", 16),
			Map.entry("busy", 17), Map.entry("congestion", 34), Map.entry("no_answer", 19), Map.entry("timeout", 18),
			Map.entry("rejected", 21), Map.entry("unallocated", 1), Map.entry("normal_unspecified", 31),
			Map.entry("number_incomplete", 28), Map.entry("codec_mismatch", 58), Map.entry("interworking", 127),
			Map.entry("failure", 38), Map.entry("answered_elsewhere", 26));

	/** AST_SOFTHANGUP_EXPLICIT: what {@code DELETE /channels/{id}} reports as the cause. */
	private static final int SOFTHANGUP_EXPLICIT = 32;

	private static final int NORMAL_CLEARING = 16;

	private final SimulatorState state;

	private final Map<String, SimChannel> channels = new LinkedHashMap<>();

	private final BoundedLog<SimChannel> history;

	private final Map<String, Integer> nameSequences = new HashMap<>();

	private long channelSequence;

	Channels(SimulatorState state) {
		this.state = state;
		this.history = new BoundedLog<>(state.settings.logCapacity());
	}

	// Registry and history

	/** Under the lock: the live channel with an id, or {@code null}. */
	@Nullable SimChannel find(String channelId) {
		return this.channels.get(channelId);
	}

	/** Under the lock: the live channels, oldest first. */
	Collection<SimChannel> all() {
		return this.channels.values();
	}

	/** Every channel the simulator has had, up to the log capacity, oldest first. */
	List<SimChannel> history() {
		return this.state.read(this.history::list);
	}

	@Nullable SimChannel findInHistory(String channelId) {
		return this.state.read(() -> this.history.list().stream().filter((channel) -> channel.id.equals(channelId))
			.reduce((first, second) -> second)
			.orElse(null));
	}

	/** Under the lock: forgets every channel and the history, without events. */
	void reset() {
		this.channels.clear();
		this.history.clear();
	}

	// Creation

	/** A caller's channel entering {@code Stasis(app,args)} from the dialplan, in state Ring. */
	SimChannel incomingCall(String endpoint, String callerName, String callerNumber, String context,
			String extension, String application, List<String> args) {
		return this.state.locked(() -> {
			SimChannel channel = newChannel(null,
					endpoint + "-" + nextSuffix(Strings.before(endpoint, '/')), false, false, "Ring");
			channel.caller = SimChannel.callerId(callerName, callerNumber);
			channel.context = context;
			channel.exten = extension;
			announceCreated(channel);
			enterStasis(channel, application, args, true);
			return channel;
		});
	}

	/** A caller's channel before it runs {@code Stasis()}, in state Ring. */
	SimChannel incomingChannel(String endpoint, String callerName, String callerNumber, String context,
			String extension) {
		return this.state.locked(() -> {
			SimChannel channel = newChannel(null,
					endpoint + "-" + nextSuffix(Strings.before(endpoint, '/')), false, false, "Ring");
			channel.caller = SimChannel.callerId(callerName, callerNumber);
			channel.context = context;
			channel.exten = extension;
			announceCreated(channel);
			return channel;
		});
	}

	/** A channel made by {@link #incomingChannel} running {@code Stasis(app,args)}. */
	void enterStasisFromDialplan(SimChannel channel, String application, List<String> args) {
		this.state.locked(() -> enterStasis(channel, application, args, true));
	}

	/** Under the lock: a new live channel, also kept in the history. */
	SimChannel newChannel(@Nullable String id, String name, boolean originated, boolean localFarHalf,
			String state) {
		OffsetDateTime now = this.state.now();
		String channelId = (id != null) ? id : now.toEpochSecond() + "." + this.channelSequence++;
		SimChannel channel = new SimChannel(channelId, name, now, originated, localFarHalf, state);
		this.channels.put(channelId, channel);
		this.history.add(channel);
		return channel;
	}

	/** Nobody is subscribed to a channel yet when it is created: only subscribeAll sees this. */
	void announceCreated(SimChannel channel) {
		this.state.emit(new ChannelCreated("ChannelCreated", channel.creationtime, channel.snapshot(),
				this.state.id(), null, null), Set.of());
	}

	/** The next suffix of a channel name, such as {@code 00000001}, counted per technology. */
	String nextSuffix(String key) {
		int sequence = this.nameSequences.merge(key, 1, Integer::sum) - 1;
		return String.format(Locale.ROOT, "%08x", sequence);
	}

	// Stasis and state

	void enterStasis(SimChannel channel, String application, List<String> args, boolean fromDialplan) {
		if (fromDialplan) {
			channel.appName = "Stasis";
			channel.appData = stasisData(application, args);
			// Those subscribed before Stasis() runs see it reset STASISSTATUS.
			setVariable(channel, "STASISSTATUS", "");
		}
		channel.stasisApp = application;
		channel.stasisArgs = List.copyOf(args);
		channel.subscribers.add(application);
		this.state.emit(new StasisStart("StasisStart", this.state.now(), channel.stasisArgs, channel.snapshot(), null,
				this.state.id(), null, null), channel.subscribers);
	}

	/** StasisEnd; a channel the application did not create is no longer its concern after it. */
	private void leaveStasis(SimChannel channel, boolean dialplanResumes) {
		String application = channel.stasisApp;
		this.state.emit(new StasisEnd("StasisEnd", this.state.now(), channel.snapshot(), this.state.id(), null, null),
				channel.subscribers);
		channel.stasisApp = null;
		if (application != null && !channel.originated && !channel.explicitSubscribers.contains(application)) {
			channel.subscribers.remove(application);
		}
		if (dialplanResumes) {
			setVariable(channel, "STASISSTATUS", "SUCCESS");
		}
	}

	static String stasisData(String application, List<String> args) {
		return args.isEmpty() ? application : application + "," + String.join(",", args);
	}

	void setState(SimChannel channel, String state) {
		channel.state = state;
		if ("Up".equals(state)) {
			channel.answered = true;
		}
		this.state.emit(new ChannelStateChange("ChannelStateChange", this.state.now(), channel.snapshot(),
				this.state.id(), null, null), channel.subscribers);
	}

	void answer(String channelId) {
		this.state.locked(() -> {
			SimChannel channel = controlledInValidState(channelId);
			if (!"Up".equals(channel.state)) {
				setState(channel, "Up");
			}
		});
	}

	/** Operations Asterisk accepts without raising an event: indications, mute, music on hold. */
	void acceptWithoutEvents(String channelId) {
		this.state.locked(() -> {
			controlledInValidState(channelId);
		});
	}

	void continueInDialplan(String channelId) {
		this.state.locked(() -> leaveStasis(controlledInValidState(channelId), true));
	}

	void move(String channelId, @Nullable String application, List<String> args) {
		this.state.locked(() -> {
			SimChannel channel = controlled(channelId);
			if (Strings.isEmpty(application)) {
				throw AriError.badRequest("Missing parameter app");
			}
			if (!this.state.sockets.isRegistered(application)) {
				this.state.emit(new ApplicationMoveFailed("ApplicationMoveFailed", this.state.now(),
						channel.snapshot(), application, args, this.state.id(), null, null), channel.subscribers);
				return;
			}
			leaveStasis(channel, false);
			enterStasis(channel, application, args, false);
		});
	}

	// Hangup

	private static int hangupCause(@Nullable String reason, @Nullable String reasonCode) {
		if (reasonCode != null && !reasonCode.isEmpty()) {
			try {
				return Integer.parseInt(reasonCode);
			}
			catch (NumberFormatException ex) {
				throw AriError.of(400, "Invalid Reason", "Invalid reason for hangup provided");
			}
		}
		if (reason == null || reason.isEmpty()) {
			return NORMAL_CLEARING;
		}
		Integer cause = HANGUP_REASONS.get(reason);
		if (cause == null) {
			throw AriError.of(400, "Invalid Reason", "Invalid reason for hangup provided");
		}
		return cause;
	}

	/** {@code DELETE /channels/{id}}: the recorded order for an application's hangup. */
	void hangup(String channelId, @Nullable String reason, @Nullable String reasonCode) {
		this.state.locked(() -> {
			SimChannel channel = SimulatorState.require(this.channels, channelId, AriError::channelNotFound);
			int cause = hangupCause(reason, reasonCode);
			if (channel.hangingUp) {
				return;
			}
			channel.hangingUp = true;
			this.state.emit(hangupRequest(channel, SOFTHANGUP_EXPLICIT, true), channel.subscribers);
			release(channel);
			SimChannel peer = channel.peer;
			if (peer != null && !peer.hangingUp) {
				peer.hangingUp = true;
				this.state.emit(hangupRequest(peer, NORMAL_CLEARING, false), peer.subscribers);
				this.state.emit(hangupRequest(peer, NORMAL_CLEARING, true), peer.subscribers);
				release(peer);
				destroy(channel, cause);
				destroy(peer, NORMAL_CLEARING);
			}
			else {
				destroy(channel, cause);
			}
		});
	}

	/** The caller, or the far end of an originated call, hangs up. */
	void hangupFromRemote(SimChannel channel) {
		this.state.locked(() -> hangupFromRemoteLocked(channel));
	}

	/** Under the lock: as {@link #hangupFromRemote}. */
	void hangupFromRemoteLocked(SimChannel channel) {
		SimChannel near = channel.localFarHalf ? channel.peer : channel;
		if (near == null || near.hangingUp) {
			return;
		}
		SimChannel far = near.peer;
		if (far != null && !far.hangingUp) {
			far.hangingUp = true;
			this.state.emit(hangupRequest(far, NORMAL_CLEARING, true), far.subscribers);
		}
		near.hangingUp = true;
		this.state.emit(hangupRequest(near, NORMAL_CLEARING, false), near.subscribers);
		if (far != null) {
			release(far);
			destroy(far, NORMAL_CLEARING);
		}
		release(near);
		destroy(near, NORMAL_CLEARING);
	}

	/** What a hangup takes with it: media, bridge and Stasis. */
	private void release(SimChannel channel) {
		this.state.stopMedia(channel);
		if (channel.bridge != null) {
			this.state.bridges.leaveBridge(channel, true);
		}
		if (channel.inStasis()) {
			leaveStasis(channel, true);
		}
	}

	private void destroy(SimChannel channel, int cause) {
		channel.hangupCause = cause;
		this.state.emit(new ChannelDestroyed("ChannelDestroyed", this.state.now(), cause, causeText(cause), null,
				channel.snapshot(), this.state.id(), null, null), channel.subscribers);
		channel.destroyed = true;
		channel.subscribers.clear();
		this.channels.remove(channel.id);
	}

	private ChannelHangupRequest hangupRequest(SimChannel channel, int cause, boolean soft) {
		return new ChannelHangupRequest("ChannelHangupRequest", this.state.now(), cause, null,
				soft ? Boolean.TRUE : null, channel.snapshot(), this.state.id(), null, null);
	}

	private static String causeText(int cause) {
		return CAUSES.getOrDefault(cause, "Unknown");
	}

	// Queries and variables

	List<Channel> list() {
		return this.state.read(() -> this.channels.values().stream().map(SimChannel::snapshot).toList());
	}

	Channel get(String channelId) {
		return this.state
			.read(() -> SimulatorState.require(this.channels, channelId, AriError::channelNotFound).snapshot());
	}

	Variable variable(String channelId, @Nullable String name) {
		SimulatorState.requireVariableName(name);
		return this.state.read(() -> {
			SimChannel channel = SimulatorState.require(this.channels, channelId,
					() -> AriError.of(404, "Channel Not Found", "Provided channel was not found"));
			String value = switch (name) {
				case "CALLERID(num)" -> channel.caller.number();
				case "CALLERID(name)" -> channel.caller.name();
				case "CALLERID(all)" -> formatCallerId(channel.caller.name(), channel.caller.number());
				default -> channel.variables.get(name);
			};
			if (value == null && !name.endsWith(")")) {
				throw AriError.of(404, "Variable Not Found", "Provided variable was not found");
			}
			return new Variable((value != null) ? value : "", null);
		});
	}

	void setVariable(String channelId, @Nullable String name, @Nullable String value, boolean reportEvents) {
		SimulatorState.requireVariableName(name);
		this.state.locked(() -> {
			SimChannel channel = controlled(channelId);
			if (reportEvents) {
				channel.reportedVariables.add(name);
			}
			setVariable(channel, name, (value != null) ? value : "");
		});
	}

	/** Sets a variable; a plain one (not a function such as CALLERID(num)) raises ChannelVarset. */
	void setVariable(SimChannel channel, String name, String value) {
		storeVariable(channel, name, value);
		if (!name.endsWith(")")) {
			emitVarset(channel, name, value);
		}
	}

	void emitVarset(SimChannel channel, String name, String value) {
		this.state.emit(new ChannelVarset("ChannelVarset", this.state.now(), name, value, channel.snapshot(),
				this.state.id(), null, null), channel.subscribers);
	}

	static void storeVariable(SimChannel channel, String name, String value) {
		switch (name) {
			case "CALLERID(num)" -> channel.caller = SimChannel.callerId(channel.caller.name(), value);
			case "CALLERID(name)" -> channel.caller = SimChannel.callerId(value, channel.caller.number());
			case "CALLERID(all)" -> {
				String[] parsed = parseCallerId(value);
				channel.caller = SimChannel.callerId(parsed[0], parsed[1]);
			}
			default -> channel.variables.put(name, value);
		}
	}

	/** {@code "Flow Five" <5550005>} into name and number, as ast_callerid_parse does for the usual forms. */
	static String[] parseCallerId(@Nullable String callerId) {
		if (callerId == null || callerId.isBlank()) {
			return new String[] { "", "" };
		}
		String text = callerId.strip();
		int open = text.lastIndexOf('<');
		int close = text.lastIndexOf('>');
		if (open >= 0 && close > open) {
			String name = text.substring(0, open).strip();
			if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
				name = name.substring(1, name.length() - 1);
			}
			return new String[] { name, text.substring(open + 1, close).strip() };
		}
		return text.matches("[+0-9*#]+") ? new String[] { "", text } : new String[] { text, "" };
	}

	private static String formatCallerId(String name, String number) {
		return name.isEmpty() ? "<" + number + ">" : "\"" + name + "\" <" + number + ">";
	}

	// Control

	/** Under the lock: the channel in Stasis, or Asterisk's 404 or 409. */
	SimChannel controlled(String channelId) {
		SimChannel channel = SimulatorState.require(this.channels, channelId, AriError::channelNotFound);
		if (!channel.inStasis()) {
			throw AriError.notInStasis();
		}
		return channel;
	}

	/** As {@link #controlled}, and 412 for a channel that is Down or ringing out. */
	SimChannel controlledInValidState(String channelId) {
		SimChannel channel = controlled(channelId);
		if ("Down".equals(channel.state) || "Ringing".equals(channel.state)) {
			throw AriError.invalidState();
		}
		return channel;
	}

}
