package io.github.arispring.test.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import io.github.arispring.event.ApplicationMoveFailed;
import io.github.arispring.event.ApplicationReplaced;
import io.github.arispring.event.BridgeCreated;
import io.github.arispring.event.BridgeDestroyed;
import io.github.arispring.event.ChannelCreated;
import io.github.arispring.event.ChannelDestroyed;
import io.github.arispring.event.ChannelDialplan;
import io.github.arispring.event.ChannelDtmfReceived;
import io.github.arispring.event.ChannelEnteredBridge;
import io.github.arispring.event.ChannelHangupRequest;
import io.github.arispring.event.ChannelLeftBridge;
import io.github.arispring.event.ChannelStateChange;
import io.github.arispring.event.ChannelVarset;
import io.github.arispring.event.Dial;
import io.github.arispring.event.PlaybackContinuing;
import io.github.arispring.event.PlaybackFinished;
import io.github.arispring.event.PlaybackStarted;
import io.github.arispring.event.RecordingFailed;
import io.github.arispring.event.RecordingFinished;
import io.github.arispring.event.RecordingStarted;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.model.Application;
import io.github.arispring.model.AriDateTime;
import io.github.arispring.model.AsteriskInfo;
import io.github.arispring.model.AsteriskPing;
import io.github.arispring.model.Bridge;
import io.github.arispring.model.BuildInfo;
import io.github.arispring.model.Channel;
import io.github.arispring.model.ConfigInfo;
import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;
import io.github.arispring.model.SetId;
import io.github.arispring.model.StatusInfo;
import io.github.arispring.model.StoredRecording;
import io.github.arispring.model.SystemInfo;
import io.github.arispring.model.Variable;

/**
 * The simulated Asterisk: channels, bridges, playbacks and recordings, and the events their
 * changes raise, in the order and shape recorded from Asterisk 23.4.1 (see the {@code ari-samples}
 * README). One lock guards it all; every change happens under it and emits its events before the
 * lock is released, so each WebSocket gets the events of a channel in the order they happened.
 * Nothing here blocks: delays run on a timer thread.
 */
final class SimulatorState {

	static final String VERSION = "23.4.1";

	private static final Log logger = LogFactory.getLog(AriSimulator.class);

	private static final Set<String> TECHNOLOGIES = Set.of("Local", "PJSIP", "IAX2", "DAHDI", "Console",
			"AudioSocket", "WebSocket", "UnicastRTP", "MulticastRTP", "Motif");

	private static final Set<String> BRIDGE_TYPES = Set.of("mixing", "holding", "dtmf_events", "proxy_media",
			"video_sfu", "video_single", "sdp_label");

	private static final Set<String> RECORDING_FORMATS = Set.of("wav", "WAV", "wav16", "wav49", "gsm", "ulaw",
			"alaw", "sln", "sln16", "g722", "g729", "g726", "ogg", "h263", "h264");

	private static final Set<String> MEDIA_SCHEMES = Set.of("sound", "recording", "number", "digits",
			"characters", "tone");

	private static final String DTMF_DIGITS = "0123456789*#ABCD";

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

	/** The build date in /asterisk/info has its own format: {@code 2026-11-28 03:02:23 UTC}. */
	private static final DateTimeFormatter BUILD_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
			Locale.ROOT);

	/** AST_SOFTHANGUP_EXPLICIT: what {@code DELETE /channels/{id}} reports as the cause. */
	private static final int SOFTHANGUP_EXPLICIT = 32;

	private static final int NORMAL_CLEARING = 16;

	final SimulatorSettings settings;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Scheduler timer;

	private final EventHub hub;

	private final BoundedLog<RecordedRequest> requests;

	private final BoundedLog<SimChannel> history;

	private final Map<String, SimChannel> channels = new LinkedHashMap<>();

	private final Map<String, SimBridge> bridges = new LinkedHashMap<>();

	private final Map<String, SimPlayback> playbacks = new HashMap<>();

	private final Map<String, SimRecording> liveRecordings = new LinkedHashMap<>();

	private final Map<String, String> storedRecordings = new TreeMap<>();

	private final Map<String, String> globals = new HashMap<>();

	private final Map<String, Integer> nameSequences = new HashMap<>();

	private final OffsetDateTime startupTime;

	private long channelSequence;

	/** Timers set before a reset do nothing after it. */
	private long generation;

	SimulatorState(SimulatorSettings settings) {
		this.settings = settings;
		this.timer = Schedulers.newSingle("ari-simulator-timer", true);
		this.hub = new EventHub(settings.logCapacity());
		this.requests = new BoundedLog<>(settings.logCapacity());
		this.history = new BoundedLog<>(settings.logCapacity());
		this.startupTime = now();
	}

	// Locking, waiting and timers

	<T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			T result = action.get();
			this.changed.signalAll();
			return result;
		}
		finally {
			this.lock.unlock();
		}
	}

	void locked(Runnable action) {
		locked(() -> {
			action.run();
			return null;
		});
	}

	/** Reads under the lock without waking those who wait for a change. */
	<T> T read(Supplier<T> query) {
		this.lock.lock();
		try {
			return query.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until a condition on the state holds. For test threads: refuses to block a
	 * non-blocking thread such as a Netty event loop.
	 */
	boolean await(BooleanSupplier condition, Duration timeout) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("The ARI simulator cannot wait on the non-blocking thread "
					+ Thread.currentThread().getName() + "; call it from the test thread");
		}
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			while (!condition.getAsBoolean()) {
				if (nanos <= 0) {
					return false;
				}
				nanos = this.changed.awaitNanos(nanos);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private Disposable later(Duration delay, Runnable action) {
		long scheduledIn = this.generation;
		if (this.timer.isDisposed()) {
			return Disposables.disposed();
		}
		return this.timer.schedule(() -> {
			try {
				locked(() -> {
					if (this.generation == scheduledIn) {
						action.run();
					}
				});
			}
			catch (RuntimeException ex) {
				logger.error("An ARI simulator timer failed", ex);
			}
		}, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	void shutdown() {
		locked(() -> {
			this.hub.sockets().forEach(EventSocket::drop);
			this.generation++;
		});
		this.timer.dispose();
	}

	/** Forgets every channel, bridge, playback, recording and log entry, without events. */
	void reset() {
		locked(() -> {
			this.generation++;
			this.playbacks.values().forEach(SimulatorState::cancelTimer);
			this.liveRecordings.values().forEach((recording) -> cancelTimer(recording.timer));
			this.channels.clear();
			this.bridges.clear();
			this.playbacks.clear();
			this.liveRecordings.clear();
			this.storedRecordings.clear();
			this.globals.clear();
			this.history.clear();
			this.requests.clear();
			this.hub.clearLog();
		});
	}

	private static void cancelTimer(SimPlayback playback) {
		cancelTimer(playback.timer);
	}

	private static void cancelTimer(@Nullable Disposable timer) {
		if (timer != null) {
			timer.dispose();
		}
	}

	// Sockets and logs

	EventSocket openSocket(List<String> applications, boolean subscribeAll) {
		EventSocket socket = new EventSocket(applications, subscribeAll, this.settings.eventQueueCapacity());
		locked(() -> this.hub.open(socket,
				Wire.event(new ApplicationReplaced("ApplicationReplaced", now(), id(), null, null))));
		return socket;
	}

	void closeSocket(EventSocket socket) {
		locked(() -> this.hub.close(socket));
	}

	void dropSockets() {
		locked(() -> this.hub.sockets().forEach((socket) -> {
			this.hub.close(socket);
			socket.drop();
		}));
	}

	boolean isRegistered(String application) {
		return read(() -> this.hub.isRegistered(application));
	}

	List<String> registeredApplications() {
		return read(this.hub::applications);
	}

	void logRequest(RecordedRequest request) {
		locked(() -> this.requests.add(request));
	}

	List<RecordedRequest> requests() {
		return read(this.requests::list);
	}

	List<SentEvent> sentEvents() {
		return read(this.hub::sent);
	}

	List<SimChannel> history() {
		return read(this.history::list);
	}

	@Nullable SimChannel findInHistory(String channelId) {
		return read(() -> this.history.list().stream().filter((channel) -> channel.id.equals(channelId))
			.reduce((first, second) -> second)
			.orElse(null));
	}

	// Asterisk and applications

	AsteriskInfo info(List<String> only) {
		boolean all = only.isEmpty();
		BuildInfo build = new BuildInfo("Linux", "simulated", "OPTIONAL_API", "x86_64",
				BUILD_DATE.format(this.startupTime.atZoneSameInstant(ZoneOffset.UTC)), "root", null);
		SystemInfo system = new SystemInfo(VERSION, id(), null);
		ConfigInfo config = new ConfigInfo("", "en", null, null, null, new SetId("", "", null), null);
		StatusInfo status = new StatusInfo(this.startupTime, this.startupTime, null);
		return new AsteriskInfo((all || only.contains("build")) ? build : null,
				(all || only.contains("system")) ? system : null, (all || only.contains("config")) ? config : null,
				(all || only.contains("status")) ? status : null, null);
	}

	AsteriskPing ping() {
		return new AsteriskPing(id(), "pong", AriDateTime.format(now()), null);
	}

	Variable globalVariable(@Nullable String name) {
		requireVariableName(name);
		return read(() -> new Variable(this.globals.getOrDefault(name, ""), null));
	}

	void setGlobalVariable(@Nullable String name, @Nullable String value) {
		requireVariableName(name);
		locked(() -> this.globals.put(name, (value != null) ? value : ""));
	}

	List<Application> applications() {
		return read(() -> this.hub.applications().stream().map(this::applicationSnapshot).toList());
	}

	Application application(String name) {
		return read(() -> {
			requireApplication(name);
			return applicationSnapshot(name);
		});
	}

	Application subscribe(String name, List<String> eventSources, boolean subscribe) {
		return locked(() -> {
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
						SimChannel channel = this.channels.get(id);
						if (channel == null) {
							throw AriError.unprocessable("Event source does not exist");
						}
						changes.add(() -> subscribeChannel(channel, name, subscribe));
					}
					case "bridge" -> {
						SimBridge bridge = this.bridges.get(id);
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
			return applicationSnapshot(name);
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
		if (!this.hub.isRegistered(name)) {
			throw AriError.applicationNotFound();
		}
	}

	private Application applicationSnapshot(String name) {
		List<String> channelIds = this.channels.values().stream()
			.filter((channel) -> channel.subscribers.contains(name))
			.map((channel) -> channel.id)
			.toList();
		List<String> bridgeIds = this.bridges.values().stream()
			.filter((bridge) -> bridge.subscribers().contains(name))
			.map((bridge) -> bridge.id)
			.toList();
		return new Application(name, channelIds, bridgeIds, List.of(), List.of(), List.of(), List.of(), null);
	}

	// Channels: creation

	/** A caller's channel entering {@code Stasis(app,args)} from the dialplan, in state Ring. */
	SimChannel incomingCall(String endpoint, String callerName, String callerNumber, String context,
			String extension, String application, List<String> args) {
		return locked(() -> {
			SimChannel channel = newChannel(null, endpoint + "-" + nextSuffix(before(endpoint, '/')), false, false,
					"Ring");
			channel.caller = SimChannel.callerId(callerName, callerNumber);
			channel.context = context;
			channel.exten = extension;
			announceCreated(channel);
			enterStasis(channel, application, args, true);
			return channel;
		});
	}

	Channel originate(OriginateRequest request) {
		return locked(() -> {
			String endpoint = request.endpoint();
			if (endpoint == null || endpoint.isEmpty()) {
				throw AriError.badRequest("Endpoint must be specified");
			}
			int slash = endpoint.indexOf('/');
			if (slash <= 0 || slash == endpoint.length() - 1) {
				throw AriError.badRequest("Invalid endpoint specified");
			}
			if (!request.staged() && isEmpty(request.app()) && isEmpty(request.extension())) {
				throw AriError.badRequest("Application or extension must be specified");
			}
			if (request.staged() && isEmpty(request.app())) {
				// Asterisk checks nothing here; this is the simulator's own message.
				throw AriError.badRequest("Application must be specified");
			}
			for (String id : new String[] { request.channelId(), request.otherChannelId() }) {
				if (id != null && this.channels.containsKey(id)) {
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
				channel.appData = stasisData(request.app(), request.args());
				emit(new ChannelDialplan("ChannelDialplan", now(), channel.snapshot(), channel.appName, channel.appData,
						id(), null, null), channel.subscribers);
				enterStasis(channel, request.app(), request.args(), true);
			}
			else {
				emit(dial(channel, "", resource), channel.subscribers);
				later(this.settings.answerDelay(), () -> farEndAnswers(channel, request));
			}
			return answer;
		});
	}

	private SimChannel createOutbound(OriginateRequest request, String technology, String resource) {
		boolean local = "Local".equals(technology);
		String context = local ? after(resource, '@', "default") : orDefault(request.context(), "default");
		String exten = local ? before(resource, '@') : orDefault(request.extension(), "s");
		// PJSIP names a channel after the endpoint: PJSIP/1000@trunk is PJSIP/trunk-<n>.
		String device = "PJSIP".equals(technology) ? after(resource, '@', resource) : resource;
		String name = technology + "/" + device + "-" + nextSuffix(technology);
		SimChannel channel = newChannel(request.channelId(), local ? name + ";1" : name, true, false, "Down");
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
			farHalf = newChannel(request.otherChannelId(), name + ";2", true, true, "Ring");
			farHalf.context = context;
			farHalf.exten = exten;
			channel.peer = farHalf;
			farHalf.peer = channel;
		}
		String[] callerId = parseCallerId(request.callerId());
		List<SimChannel> halves = (farHalf != null) ? List.of(channel, farHalf) : List.of(channel);
		for (SimChannel half : halves) {
			half.caller = SimChannel.callerId(callerId[0], callerId[1]);
			half.connected = half.caller;
			announceCreated(half);
			// Originate subscribes the application to both halves, create only to its own.
			if (!isEmpty(request.app()) && (half == channel || !request.staged())) {
				half.subscribers.add(request.app());
			}
		}
		// Variables reach both halves of a Local pair; the recorded ChannelVarset came from ;2.
		request.variables().forEach((variable, value) -> {
			halves.forEach((half) -> storeVariable(half, variable, value));
			if (!variable.endsWith(")")) {
				emitVarset(halves.get(halves.size() - 1), variable, value);
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
			setState(farHalf, "Up");
		}
		setState(channel, "Up");
		emit(dial(channel, "ANSWER", channel.dialstring), channel.subscribers);
		if (isEmpty(request.app())) {
			return;
		}
		if (this.hub.isRegistered(request.app())) {
			enterStasis(channel, request.app(), request.args(), true);
		}
		else {
			// Stasis() fails for an application nobody has registered, and the call ends.
			logger.warn("Originated channel " + channel.id + " was answered, but no WebSocket has registered "
					+ request.app());
			hangupFromRemoteLocked(channel);
		}
	}

	void dial(String channelId) {
		locked(() -> {
			SimChannel channel = controlled(channelId);
			if (!"Down".equals(channel.state)) {
				throw AriError.conflict("Channel is not in the 'Down' state");
			}
			if (!channel.staged) {
				throw AriError.conflict("Dialing a channel not created by ARI");
			}
			channel.staged = false;
			emit(dial(channel, "", channel.dialstring), channel.subscribers);
			later(this.settings.answerDelay(), () -> {
				if (!channel.hangingUp) {
					setState(channel, "Up");
					emit(dial(channel, "ANSWER", ""), channel.subscribers);
				}
			});
		});
	}

	private SimChannel newChannel(@Nullable String id, String name, boolean originated, boolean localFarHalf,
			String state) {
		OffsetDateTime now = now();
		String channelId = (id != null) ? id : now.toEpochSecond() + "." + this.channelSequence++;
		SimChannel channel = new SimChannel(channelId, name, now, originated, localFarHalf, state);
		this.channels.put(channelId, channel);
		this.history.add(channel);
		return channel;
	}

	/** Nobody is subscribed to a channel yet when it is created: only subscribeAll sees this. */
	private void announceCreated(SimChannel channel) {
		emit(new ChannelCreated("ChannelCreated", channel.creationtime, channel.snapshot(), id(), null, null),
				Set.of());
	}

	private String nextSuffix(String key) {
		int sequence = this.nameSequences.merge(key, 1, Integer::sum) - 1;
		return String.format(Locale.ROOT, "%08x", sequence);
	}

	// Channels: Stasis, state and hangup

	private void enterStasis(SimChannel channel, String application, List<String> args, boolean fromDialplan) {
		if (fromDialplan) {
			channel.appName = "Stasis";
			channel.appData = stasisData(application, args);
			// Those subscribed before Stasis() runs see it reset STASISSTATUS.
			setVariable(channel, "STASISSTATUS", "");
		}
		channel.stasisApp = application;
		channel.stasisArgs = List.copyOf(args);
		channel.subscribers.add(application);
		emit(new StasisStart("StasisStart", now(), channel.stasisArgs, channel.snapshot(), null, id(), null, null),
				channel.subscribers);
	}

	/** StasisEnd; a channel the application did not create is no longer its concern after it. */
	private void leaveStasis(SimChannel channel, boolean dialplanResumes) {
		String application = channel.stasisApp;
		emit(new StasisEnd("StasisEnd", now(), channel.snapshot(), id(), null, null), channel.subscribers);
		channel.stasisApp = null;
		if (application != null && !channel.originated && !channel.explicitSubscribers.contains(application)) {
			channel.subscribers.remove(application);
		}
		if (dialplanResumes) {
			setVariable(channel, "STASISSTATUS", "SUCCESS");
		}
	}

	private void setState(SimChannel channel, String state) {
		channel.state = state;
		if ("Up".equals(state)) {
			channel.answered = true;
		}
		emit(new ChannelStateChange("ChannelStateChange", now(), channel.snapshot(), id(), null, null),
				channel.subscribers);
	}

	void answer(String channelId) {
		locked(() -> {
			SimChannel channel = controlledInValidState(channelId);
			if (!"Up".equals(channel.state)) {
				setState(channel, "Up");
			}
		});
	}

	/** Operations Asterisk accepts without raising an event: indications, mute, music on hold. */
	void acceptWithoutEvents(String channelId) {
		locked(() -> {
			controlledInValidState(channelId);
		});
	}

	void continueInDialplan(String channelId) {
		locked(() -> leaveStasis(controlledInValidState(channelId), true));
	}

	void move(String channelId, @Nullable String application, List<String> args) {
		locked(() -> {
			SimChannel channel = controlled(channelId);
			if (isEmpty(application)) {
				throw AriError.badRequest("Missing parameter app");
			}
			if (!this.hub.isRegistered(application)) {
				emit(new ApplicationMoveFailed("ApplicationMoveFailed", now(), channel.snapshot(), application, args,
						id(), null, null), channel.subscribers);
				return;
			}
			leaveStasis(channel, false);
			enterStasis(channel, application, args, false);
		});
	}

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
		locked(() -> {
			SimChannel channel = require(this.channels, channelId, AriError::channelNotFound);
			int cause = hangupCause(reason, reasonCode);
			if (channel.hangingUp) {
				return;
			}
			channel.hangingUp = true;
			emit(hangupRequest(channel, SOFTHANGUP_EXPLICIT, true), channel.subscribers);
			release(channel);
			SimChannel peer = channel.peer;
			if (peer != null && !peer.hangingUp) {
				peer.hangingUp = true;
				emit(hangupRequest(peer, NORMAL_CLEARING, false), peer.subscribers);
				emit(hangupRequest(peer, NORMAL_CLEARING, true), peer.subscribers);
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
		locked(() -> hangupFromRemoteLocked(channel));
	}

	private void hangupFromRemoteLocked(SimChannel channel) {
		SimChannel near = channel.localFarHalf ? channel.peer : channel;
		if (near == null || near.hangingUp) {
			return;
		}
		SimChannel far = near.peer;
		if (far != null && !far.hangingUp) {
			far.hangingUp = true;
			emit(hangupRequest(far, NORMAL_CLEARING, true), far.subscribers);
		}
		near.hangingUp = true;
		emit(hangupRequest(near, NORMAL_CLEARING, false), near.subscribers);
		if (far != null) {
			release(far);
			destroy(far, NORMAL_CLEARING);
		}
		release(near);
		destroy(near, NORMAL_CLEARING);
	}

	/** What a hangup takes with it: media, bridge and Stasis. */
	private void release(SimChannel channel) {
		stopMedia(channel);
		if (channel.bridge != null) {
			leaveBridge(channel, true);
		}
		if (channel.inStasis()) {
			leaveStasis(channel, true);
		}
	}

	private void destroy(SimChannel channel, int cause) {
		channel.hangupCause = cause;
		emit(new ChannelDestroyed("ChannelDestroyed", now(), cause, causeText(cause), null, channel.snapshot(), id(),
				null, null), channel.subscribers);
		channel.destroyed = true;
		channel.subscribers.clear();
		this.channels.remove(channel.id);
	}

	private ChannelHangupRequest hangupRequest(SimChannel channel, int cause, boolean soft) {
		return new ChannelHangupRequest("ChannelHangupRequest", now(), cause, null, soft ? Boolean.TRUE : null,
				channel.snapshot(), id(), null, null);
	}

	private static String causeText(int cause) {
		return CAUSES.getOrDefault(cause, "Unknown");
	}

	// Channels: queries, variables, DTMF

	List<Channel> channels() {
		return read(() -> this.channels.values().stream().map(SimChannel::snapshot).toList());
	}

	Channel channel(String channelId) {
		return read(() -> require(this.channels, channelId, AriError::channelNotFound).snapshot());
	}

	Variable channelVariable(String channelId, @Nullable String name) {
		requireVariableName(name);
		return read(() -> {
			SimChannel channel = require(this.channels, channelId,
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

	void setChannelVariable(String channelId, @Nullable String name, @Nullable String value, boolean reportEvents) {
		requireVariableName(name);
		locked(() -> {
			SimChannel channel = controlled(channelId);
			if (reportEvents) {
				channel.reportedVariables.add(name);
			}
			setVariable(channel, name, (value != null) ? value : "");
		});
	}

	/** Sets a variable; a plain one (not a function such as CALLERID(num)) raises ChannelVarset. */
	private void setVariable(SimChannel channel, String name, String value) {
		storeVariable(channel, name, value);
		if (!name.endsWith(")")) {
			emitVarset(channel, name, value);
		}
	}

	private void emitVarset(SimChannel channel, String name, String value) {
		emit(new ChannelVarset("ChannelVarset", now(), name, value, channel.snapshot(), id(), null, null),
				channel.subscribers);
	}

	private static void storeVariable(SimChannel channel, String name, String value) {
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

	private static void requireVariableName(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			throw AriError.badRequest("Variable name is required");
		}
	}

	/**
	 * {@code POST /channels/{id}/dtmf}: the other half of a Local pair receives the digits, as in
	 * the recorded flow; any other far end is simulated and only noted for {@link Call#dtmfSent()}.
	 */
	void sendDtmf(String channelId, @Nullable String dtmf, int before, int between, int duration) {
		locked(() -> {
			SimChannel channel = controlledInValidState(channelId);
			if (dtmf == null || dtmf.isEmpty()) {
				throw AriError.badRequest("DTMF is required");
			}
			channel.dtmfSent.append(dtmf);
			SimChannel receiver = channel.peer;
			if (receiver != null) {
				sendDigits(receiver, dtmf, duration, Duration.ofMillis(before), Duration.ofMillis(duration + between));
			}
		});
	}

	/** The caller presses keys: ChannelDtmfReceived for each digit on the caller's channel. */
	void pressDigits(SimChannel channel, String digits) {
		for (char digit : digits.toCharArray()) {
			if (DTMF_DIGITS.indexOf(Character.toUpperCase(digit)) < 0) {
				throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit (0-9, *, #, A-D)");
			}
		}
		locked(() -> {
			if (channel.hangingUp) {
				throw new IllegalStateException("Channel " + channel.id + " has hung up");
			}
			sendDigits(channel, digits, this.settings.dtmfDurationMs(), Duration.ZERO, this.settings.dtmfInterval());
		});
	}

	private void sendDigits(SimChannel receiver, String digits, int durationMs, Duration first, Duration interval) {
		List<String> valid = digits.chars()
			.mapToObj((digit) -> String.valueOf((char) Character.toUpperCase(digit)))
			.filter((digit) -> DTMF_DIGITS.contains(digit))
			.toList();
		if (first.isZero() && interval.isZero()) {
			valid.forEach((digit) -> digitReceived(receiver, digit, durationMs));
			return;
		}
		for (int i = 0; i < valid.size(); i++) {
			String digit = valid.get(i);
			later(first.plus(interval.multipliedBy(i)), () -> digitReceived(receiver, digit, durationMs));
		}
	}

	private void digitReceived(SimChannel channel, String digit, int durationMs) {
		if (channel.hangingUp) {
			return;
		}
		emit(new ChannelDtmfReceived("ChannelDtmfReceived", now(), digit, durationMs, channel.snapshot(), id(), null,
				null), channel.subscribers);
		SimRecording recording = channel.recording;
		if (recording != null && recording.terminatesOn(digit)) {
			finishRecording(recording, "done");
		}
	}

	/** The channel in Stasis, or Asterisk's 404 or 409. */
	private SimChannel controlled(String channelId) {
		SimChannel channel = require(this.channels, channelId, AriError::channelNotFound);
		if (!channel.inStasis()) {
			throw AriError.notInStasis();
		}
		return channel;
	}

	/** As {@link #controlled}, and 412 for a channel that is Down or ringing out. */
	private SimChannel controlledInValidState(String channelId) {
		SimChannel channel = controlled(channelId);
		if ("Down".equals(channel.state) || "Ringing".equals(channel.state)) {
			throw AriError.invalidState();
		}
		return channel;
	}

	// Bridges

	List<Bridge> bridges() {
		return read(() -> this.bridges.values().stream().map(SimBridge::snapshot).toList());
	}

	Bridge bridge(String bridgeId) {
		return read(() -> require(this.bridges, bridgeId, AriError::bridgeNotFound).snapshot());
	}

	Bridge createBridge(@Nullable String bridgeId, @Nullable String type, @Nullable String name) {
		return locked(() -> {
			List<String> types = csv(type);
			if (!BRIDGE_TYPES.containsAll(types)) {
				throw AriError.of(500, "Internal Error", "Unable to create bridge. Possible duplicate bridge id '"
						+ ((bridgeId != null) ? bridgeId : "(null)") + "'");
			}
			if (bridgeId != null && this.bridges.containsKey(bridgeId)) {
				throw AriError.conflict("Bridge with id '" + bridgeId + "' already exists");
			}
			String id = (bridgeId != null) ? bridgeId : UUID.randomUUID().toString();
			SimBridge bridge = new SimBridge(id, (name != null) ? name : "",
					types.contains("holding") ? "holding" : "mixing", now());
			this.bridges.put(id, bridge);
			// Nobody is subscribed to a bridge made by POST /bridges: only subscribeAll sees this.
			emit(new BridgeCreated("BridgeCreated", now(), bridge.snapshot(), id(), null, null), Set.of());
			return bridge.snapshot();
		});
	}

	void destroyBridge(String bridgeId) {
		locked(() -> {
			SimBridge bridge = require(this.bridges, bridgeId, AriError::bridgeNotFound);
			new ArrayList<>(bridge.channels).forEach((channel) -> leaveBridge(channel, false));
			stopMedia(bridge);
			this.bridges.remove(bridgeId);
			emit(new BridgeDestroyed("BridgeDestroyed", now(), bridge.snapshot(), id(), null, null),
					bridge.subscribers());
		});
	}

	void addToBridge(String bridgeId, List<String> channelIds) {
		locked(() -> {
			SimBridge bridge = controlledBridge(bridgeId);
			for (SimChannel channel : bridgeMembers(channelIds)) {
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

	void removeFromBridge(String bridgeId, List<String> channelIds) {
		locked(() -> {
			SimBridge bridge = controlledBridge(bridgeId);
			List<SimChannel> members = bridgeMembers(channelIds);
			if (members.stream().anyMatch((channel) -> channel.bridge != bridge)) {
				throw AriError.unprocessable("Channel not in this bridge");
			}
			members.forEach((channel) -> leaveBridge(channel, false));
		});
	}

	private SimBridge controlledBridge(String bridgeId) {
		return require(this.bridges, bridgeId, AriError::bridgeNotFoundForControl);
	}

	private List<SimChannel> bridgeMembers(List<String> channelIds) {
		List<SimChannel> members = new ArrayList<>();
		for (String channelId : channelIds) {
			SimChannel channel = this.channels.get(channelId);
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
		emit(new ChannelEnteredBridge("ChannelEnteredBridge", now(), bridge.snapshot(), channel.snapshot(), id(), null,
				null), union(channel.subscribers, bridge.subscribers()));
		for (SimChannel member : bridge.channels) {
			String peers = String.join(",", bridge.channels.stream()
				.filter((other) -> other != member)
				.map((other) -> other.name)
				.toList());
			if (!peers.isEmpty() && !peers.equals(member.variables.get("BRIDGEPEER"))) {
				setVariable(member, "BRIDGEPEER", peers);
			}
			if (member != channel) {
				member.bridgedWith.add(channel.id);
				channel.bridgedWith.add(member.id);
			}
		}
	}

	private void leaveBridge(SimChannel channel, boolean hungUp) {
		SimBridge bridge = channel.bridge;
		if (bridge == null) {
			return;
		}
		if (!isEmpty(channel.variables.get("BRIDGEPEER"))) {
			setVariable(channel, "BRIDGEPEER", "");
		}
		bridge.channels.remove(channel);
		channel.bridge = null;
		emit(new ChannelLeftBridge("ChannelLeftBridge", now(), bridge.snapshot(), channel.snapshot(), id(), null, null),
				union(channel.subscribers, bridge.subscribers()));
		if (!hungUp) {
			bridge.memberLeft(channel.bridgeApp);
		}
		channel.bridgeApp = null;
	}

	// Playbacks

	Playback playOnChannel(String channelId, List<String> media, @Nullable String language,
			@Nullable String playbackId, int offsetms, int skipms) {
		return locked(() -> {
			SimChannel channel = controlledInValidState(channelId);
			if (skipms < 0) {
				throw AriError.badRequest("skipms cannot be negative");
			}
			if (offsetms < 0) {
				throw AriError.badRequest("offsetms cannot be negative");
			}
			if (media.isEmpty() || (playbackId != null && this.playbacks.containsKey(playbackId))) {
				throw AriError.of(500, "Internal Server Error", "Failed to queue media for playback");
			}
			return play(channel, media, language, playbackId);
		});
	}

	Playback playOnBridge(String bridgeId, List<String> media, @Nullable String language,
			@Nullable String playbackId) {
		return locked(() -> {
			SimBridge bridge = controlledBridge(bridgeId);
			if (media.isEmpty() || (playbackId != null && this.playbacks.containsKey(playbackId))) {
				throw AriError.allocationFailed();
			}
			return play(bridge, media, language, playbackId);
		});
	}

	private Playback play(MediaTarget target, List<String> media, @Nullable String language,
			@Nullable String playbackId) {
		String id = (playbackId != null) ? playbackId : UUID.randomUUID().toString();
		SimPlayback playback = new SimPlayback(id, target, List.copyOf(media),
				(language != null) ? language : target.language());
		this.playbacks.put(id, playback);
		target.queued.add(playback);
		if (target.playing == null) {
			startNextPlayback(target);
		}
		return playback.snapshot();
	}

	Playback playback(String playbackId) {
		return read(() -> requirePlayback(playbackId).snapshot());
	}

	/** A playing playback ends as "done", as recorded; a queued one is canceled without an event. */
	void stopPlayback(String playbackId) {
		locked(() -> {
			SimPlayback playback = requirePlayback(playbackId);
			if (playback.target.playing == playback) {
				endPlayback(playback, "done", true);
			}
			else {
				playback.target.queued.remove(playback);
				playback.state = "canceled";
				this.playbacks.remove(playbackId);
			}
		});
	}

	private SimPlayback requirePlayback(String playbackId) {
		return require(this.playbacks, playbackId, () -> AriError.notFound("Playback not found"));
	}

	private void startNextPlayback(MediaTarget target) {
		SimPlayback next = target.queued.poll();
		target.playing = next;
		if (next != null) {
			startMediaItem(next);
		}
	}

	private void startMediaItem(SimPlayback playback) {
		String uri = playback.currentMedia();
		if (!isPlayable(uri)) {
			endPlayback(playback, "failed", true);
			return;
		}
		playback.state = "playing";
		emit(new PlaybackStarted("PlaybackStarted", now(), playback.snapshot(), id(), null, null),
				playback.target.mediaApps());
		playback.target.heard(uri);
		Duration duration = this.settings.mediaDuration().apply(uri);
		if (duration != null) {
			playback.timer = later(duration, () -> mediaItemDone(playback));
		}
	}

	private boolean isPlayable(String uri) {
		int colon = uri.indexOf(':');
		String scheme = (colon > 0) ? uri.substring(0, colon) : "";
		if ("recording".equals(scheme)) {
			return this.storedRecordings.containsKey(uri.substring(colon + 1));
		}
		return MEDIA_SCHEMES.contains(scheme);
	}

	private void mediaItemDone(SimPlayback playback) {
		if (playback.target.playing != playback) {
			return;
		}
		if (playback.index + 1 < playback.media.size()) {
			playback.state = "continuing";
			emit(new PlaybackContinuing("PlaybackContinuing", now(), playback.snapshot(), id(), null, null),
					playback.target.mediaApps());
			playback.index++;
			startMediaItem(playback);
		}
		else {
			endPlayback(playback, "done", true);
		}
	}

	private void endPlayback(SimPlayback playback, String state, boolean startNext) {
		cancelTimer(playback);
		playback.state = state;
		emit(new PlaybackFinished("PlaybackFinished", now(), playback.snapshot(), id(), null, null),
				playback.target.mediaApps());
		this.playbacks.remove(playback.id);
		playback.target.playing = null;
		if (startNext) {
			startNextPlayback(playback.target);
		}
	}

	/** A hangup fails what plays and cancels what waits, and ends a recording. */
	private void stopMedia(MediaTarget target) {
		SimPlayback playing = target.playing;
		if (playing != null) {
			endPlayback(playing, "failed", false);
		}
		target.queued.forEach((playback) -> this.playbacks.remove(playback.id));
		target.queued.clear();
		if (target.recording != null) {
			finishRecording(target.recording, "done");
		}
	}

	// Recordings

	LiveRecording recordChannel(String channelId, RecordRequest request) {
		return locked(() -> {
			validate(request);
			SimChannel channel = controlled(channelId);
			return record(channel, request, (channel.bridge != null) ? "Cannot record channel while in bridge" : null);
		});
	}

	LiveRecording recordBridge(String bridgeId, RecordRequest request) {
		return locked(() -> {
			SimBridge bridge = controlledBridge(bridgeId);
			validate(request);
			return record(bridge, request, null);
		});
	}

	private static void validate(RecordRequest request) {
		if (request.maxDurationSeconds() < 0) {
			throw AriError.badRequest("max_duration_seconds cannot be negative");
		}
		if (request.maxSilenceSeconds() < 0) {
			throw AriError.badRequest("max_silence_seconds cannot be negative");
		}
	}

	private LiveRecording record(MediaTarget target, RecordRequest request, @Nullable String failure) {
		String terminateOn = orDefault(request.terminateOn(), "none");
		if (!Set.of("none", "any", "*", "#").contains(terminateOn)) {
			throw AriError.badRequest("terminateOn invalid");
		}
		String ifExists = orDefault(request.ifExists(), "fail");
		if (!Set.of("fail", "overwrite", "append").contains(ifExists)) {
			throw AriError.badRequest("ifExists invalid");
		}
		if (isEmpty(request.name()) || isEmpty(request.format())) {
			throw AriError.of(500, "Internal Server Error", "Error parsing request");
		}
		if (!RECORDING_FORMATS.contains(request.format())) {
			throw AriError.unprocessable("specified format is unknown on this system");
		}
		if (this.liveRecordings.containsKey(request.name())
				|| ("fail".equals(ifExists) && this.storedRecordings.containsKey(request.name()))) {
			throw AriError.conflict("Recording '" + request.name() + "' already exists and can not be overwritten");
		}
		SimRecording recording = new SimRecording(request.name(), request.format(), target, terminateOn);
		LiveRecording answer = recording.snapshot();
		if (failure != null) {
			recording.state = "failed";
			recording.cause = failure;
			emit(new RecordingFailed("RecordingFailed", now(), recording.snapshot(), id(), null, null),
					target.mediaApps());
			return answer;
		}
		if (target.recording != null) {
			finishRecording(target.recording, "done");
		}
		recording.state = "recording";
		recording.started = Instant.now(this.settings.clock());
		target.recording = recording;
		this.liveRecordings.put(recording.name, recording);
		emit(new RecordingStarted("RecordingStarted", now(), recording.snapshot(), id(), null, null),
				target.mediaApps());
		if (request.maxDurationSeconds() > 0) {
			recording.timer = later(Duration.ofSeconds(request.maxDurationSeconds()),
					() -> finishRecording(recording, "done"));
		}
		return answer;
	}

	LiveRecording liveRecording(String name) {
		return read(() -> require(this.liveRecordings, name, AriError::recordingNotFound).snapshot());
	}

	void stopRecording(String name, String state) {
		locked(() -> finishRecording(require(this.liveRecordings, name, AriError::recordingNotFound), state));
	}

	private void finishRecording(SimRecording recording, String state) {
		if (this.liveRecordings.get(recording.name) != recording) {
			return;
		}
		cancelTimer(recording.timer);
		recording.state = state;
		if ("done".equals(state) && recording.started != null) {
			recording.duration = (int) Duration.between(recording.started, Instant.now(this.settings.clock()))
				.toSeconds();
			this.storedRecordings.put(recording.name, recording.format);
		}
		this.liveRecordings.remove(recording.name);
		recording.target.recording = null;
		emit(new RecordingFinished("RecordingFinished", now(), recording.snapshot(), id(), null, null),
				recording.target.mediaApps());
	}

	List<StoredRecording> storedRecordings() {
		return read(() -> this.storedRecordings.entrySet().stream()
			.map((entry) -> new StoredRecording(entry.getKey(), entry.getValue(), null))
			.toList());
	}

	StoredRecording storedRecording(String name) {
		return read(() -> new StoredRecording(name, require(this.storedRecordings, name, AriError::recordingNotFound),
				null));
	}

	void deleteStoredRecording(String name) {
		locked(() -> {
			if (this.storedRecordings.remove(name) == null) {
				throw AriError.recordingNotFound();
			}
		});
	}

	// Helpers

	/** The object with an id, or the error Asterisk gives when there is none. */
	private static <T> T require(Map<String, T> objects, String id, Supplier<AriError> notFound) {
		T object = objects.get(id);
		if (object == null) {
			throw notFound.get();
		}
		return object;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.settings.clock()).truncatedTo(ChronoUnit.MILLIS);
	}

	private String id() {
		return this.settings.asteriskId();
	}

	private void emit(Object event, Collection<String> subscribers) {
		this.hub.deliver(Wire.event(event), subscribers);
	}

	private Dial dial(SimChannel peer, String dialstatus, @Nullable String dialstring) {
		return new Dial("Dial", now(), null, peer.snapshot(), "", null, dialstring, dialstatus, id(), null, null);
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new LinkedHashSet<>(first);
		union.addAll(second);
		return union;
	}

	private static String stasisData(String application, List<String> args) {
		return args.isEmpty() ? application : application + "," + String.join(",", args);
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

	static List<String> csv(@Nullable String value) {
		List<String> values = new ArrayList<>();
		if (value != null) {
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					values.add(part.strip());
				}
			}
		}
		return values;
	}

	private static boolean isEmpty(@Nullable String value) {
		return value == null || value.isEmpty();
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return isEmpty(value) ? fallback : value;
	}

	private static String before(String value, char separator) {
		int index = value.indexOf(separator);
		return (index >= 0) ? value.substring(0, index) : value;
	}

	private static String after(String value, char separator, String fallback) {
		int index = value.indexOf(separator);
		return (index >= 0 && index < value.length() - 1) ? value.substring(index + 1) : fallback;
	}

	/** The parameters of originate, originateWithId and create. */
	record OriginateRequest(@Nullable String endpoint, @Nullable String extension, @Nullable String context,
			@Nullable String app, List<String> args, @Nullable String callerId, Map<String, String> variables,
			@Nullable String channelId, @Nullable String otherChannelId, boolean staged) {

	}

	/** The parameters of a channel or bridge recording. */
	record RecordRequest(@Nullable String name, @Nullable String format, int maxDurationSeconds,
			int maxSilenceSeconds, @Nullable String ifExists, @Nullable String terminateOn) {

	}

}
