package io.github.arispring.test.simulator;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.arispring.model.CallerID;
import io.github.arispring.model.Channel;
import io.github.arispring.model.DialplanCEP;

/**
 * A channel as the simulator tracks it. Every field is guarded by the simulator's lock.
 */
final class SimChannel extends MediaTarget {

	final String id;

	final String name;

	final OffsetDateTime creationtime;

	/** Created through REST: its application stays subscribed after StasisEnd, as on Asterisk. */
	final boolean originated;

	/** The half of a Local pair that runs the dialplan ({@code ;2}). */
	final boolean localFarHalf;

	/** The endpoint the application originated to, such as {@code PJSIP/alice}. */
	@Nullable String endpoint;

	/** The resource part of that endpoint, such as {@code 201@from-test}. */
	@Nullable String dialstring;

	/** Created by {@code /channels/create} and not yet dialled. */
	boolean staged;

	String state;

	CallerID caller = callerId("", "");

	CallerID connected = callerId("", "");

	String context = "default";

	String exten = "s";

	long priority = 1;

	String appName = "";

	String appData = "";

	final Map<String, String> variables = new LinkedHashMap<>();

	/** Variables set with {@code report_events=true}, which snapshots carry as {@code channelvars}. */
	final Set<String> reportedVariables = new LinkedHashSet<>();

	/** The applications that get this channel's events. */
	final Set<String> subscribers = new LinkedHashSet<>();

	/** Applications subscribed through {@code POST /applications/{app}/subscription}. */
	final Set<String> explicitSubscribers = new LinkedHashSet<>();

	@Nullable String stasisApp;

	/** The application that claimed the channel from {@code StasisBroadcast()}. */
	@Nullable String broadcastWinner;

	List<String> stasisArgs = List.of();

	/** The other half of a Local pair. */
	@Nullable SimChannel peer;

	@Nullable SimBridge bridge;

	/** The application that put the channel into its bridge. */
	@Nullable String bridgeApp;

	boolean hangingUp;

	boolean destroyed;

	@Nullable Integer hangupCause;

	// What the scenario API reports.

	boolean answered;

	final List<String> mediaPlayed = new ArrayList<>();

	final Set<String> bridgedWith = new LinkedHashSet<>();

	final StringBuilder dtmfSent = new StringBuilder();

	SimChannel(String id, String name, OffsetDateTime creationtime, boolean originated, boolean localFarHalf,
			String state) {
		this.id = id;
		this.name = name;
		this.creationtime = creationtime;
		this.originated = originated;
		this.localFarHalf = localFarHalf;
		this.state = state;
	}

	static CallerID callerId(String name, String number) {
		return new CallerID(name, number, null);
	}

	boolean inStasis() {
		return this.stasisApp != null;
	}

	@Override
	String targetUri() {
		return "channel:" + this.id;
	}

	@Override
	Set<String> mediaApps() {
		return this.subscribers;
	}

	@Override
	String language() {
		return "en";
	}

	@Override
	void heard(String mediaUri) {
		this.mediaPlayed.add(mediaUri);
	}

	Channel snapshot() {
		return new Channel(this.id, "", this.name, this.state, this.caller, this.connected, "",
				new DialplanCEP(this.context, this.exten, this.priority, this.appName, this.appData, null),
				this.creationtime, language(), channelvars(), null, null, null);
	}

	private @Nullable Map<String, Object> channelvars() {
		if (this.reportedVariables.isEmpty()) {
			return null;
		}
		Map<String, Object> channelvars = new LinkedHashMap<>();
		this.reportedVariables.forEach((name) -> channelvars.put(name, this.variables.getOrDefault(name, "")));
		return channelvars;
	}

}
