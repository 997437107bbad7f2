package io.github.arispring.test.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.arispring.model.LiveRecording;
import io.github.arispring.model.Playback;

import io.github.arispring.test.simulator.Originations.OriginateRequest;
import io.github.arispring.test.simulator.Recordings.RecordRequest;

/**
 * The REST operations the simulator implements, by operation name. Every other operation that
 * Asterisk has answers 501, saying so.
 */
final class RestApi {

	private static final Log logger = LogFactory.getLog(AriSimulator.class);

	private final SimulatorState state;

	private final AriRoutes routes = AriRoutes.fromApi();

	private final Map<String, Function<RestRequest, Answer>> handlers = new HashMap<>();

	RestApi(SimulatorState state) {
		this.state = state;
		asterisk();
		applications();
		events();
		channels();
		bridges();
		playbacks();
		recordings();
	}

	private void asterisk() {
		Asterisk asterisk = this.state.asterisk;
		on("asterisk.getInfo", (r) -> ok(asterisk.info(r.list("only"))));
		on("asterisk.ping", (r) -> ok(asterisk.ping()));
		on("asterisk.getGlobalVar", (r) -> ok(asterisk.globalVariable(r.param("variable"))));
		onVoid("asterisk.setGlobalVar", (r) -> asterisk.setGlobalVariable(r.param("variable"), r.param("value")));
	}

	private void applications() {
		Applications applications = this.state.applications;
		on("applications.list", (r) -> ok(applications.list()));
		on("applications.get", (r) -> ok(applications.get(r.path("applicationName"))));
		on("applications.subscribe",
				(r) -> ok(applications.subscribe(r.path("applicationName"), r.list("eventSource"), true)));
		on("applications.unsubscribe",
				(r) -> ok(applications.subscribe(r.path("applicationName"), r.list("eventSource"), false)));
	}

	private void events() {
		onVoid("events.claimChannel",
				(r) -> this.state.broadcasts.claim(r.param("channelId"), r.param("application")));
	}

	private void channels() {
		Channels channels = this.state.channels;
		Originations originations = this.state.originations;
		on("channels.list", (r) -> ok(channels.list()));
		on("channels.get", (r) -> ok(channels.get(r.path("channelId"))));
		on("channels.originate", (r) -> ok(originations.originate(originate(r, r.param("channelId"), false))));
		on("channels.originateWithId", (r) -> ok(originations.originate(originate(r, r.path("channelId"), false))));
		on("channels.create", (r) -> ok(originations.originate(originate(r, r.param("channelId"), true))));
		onVoid("channels.dial", (r) -> originations.dial(r.path("channelId")));
		onVoid("channels.hangup",
				(r) -> channels.hangup(r.path("channelId"), r.param("reason"), r.param("reason_code")));
		onVoid("channels.answer", (r) -> channels.answer(r.path("channelId")));
		for (String operation : List.of("ring", "ringStop", "progress", "hold", "unhold", "startMoh", "stopMoh",
				"startSilence", "stopSilence")) {
			onVoid("channels." + operation, (r) -> channels.acceptWithoutEvents(r.path("channelId")));
		}
		onVoid("channels.mute", this::mute);
		onVoid("channels.unmute", this::mute);
		onVoid("channels.continueInDialplan", (r) -> channels.continueInDialplan(r.path("channelId")));
		onVoid("channels.move",
				(r) -> channels.move(r.path("channelId"), r.param("app"), Strings.csv(r.param("appArgs"))));
		onVoid("channels.sendDTMF", (r) -> this.state.dtmf.send(r.path("channelId"), r.param("dtmf"),
				r.integer("before", 0), r.integer("between", 100), r.integer("duration", 100)));
		on("channels.getChannelVar", (r) -> ok(channels.variable(r.path("channelId"), r.param("variable"))));
		onVoid("channels.setChannelVar", (r) -> channels.setVariable(r.path("channelId"), r.param("variable"),
				r.param("value"), "true".equalsIgnoreCase(r.param("report_events"))));
	}

	private void bridges() {
		Bridges bridges = this.state.bridges;
		on("bridges.list", (r) -> ok(bridges.list()));
		on("bridges.get", (r) -> ok(bridges.get(r.path("bridgeId"))));
		on("bridges.create", (r) -> ok(bridges.create(r.param("bridgeId"), r.param("type"), r.param("name"))));
		on("bridges.createWithId", (r) -> ok(bridges.create(r.path("bridgeId"), r.param("type"), r.param("name"))));
		onVoid("bridges.destroy", (r) -> bridges.destroy(r.path("bridgeId")));
		onVoid("bridges.addChannel", (r) -> bridges.addChannels(r.path("bridgeId"), r.list("channel")));
		onVoid("bridges.removeChannel", (r) -> bridges.removeChannels(r.path("bridgeId"), r.list("channel")));
	}

	private void playbacks() {
		Playbacks playbacks = this.state.playbacks;
		on("channels.play", (r) -> playback(playbacks.playOnChannel(r.path("channelId"), r.list("media"),
				r.param("lang"), r.param("playbackId"), r.integer("offsetms", 0), r.integer("skipms", 3000))));
		on("channels.playWithId", (r) -> playback(playbacks.playOnChannel(r.path("channelId"), r.list("media"),
				r.param("lang"), r.path("playbackId"), r.integer("offsetms", 0), r.integer("skipms", 3000))));
		on("bridges.play", (r) -> playback(playbacks.playOnBridge(r.path("bridgeId"), r.list("media"),
				r.param("lang"), r.param("playbackId"))));
		on("bridges.playWithId", (r) -> playback(playbacks.playOnBridge(r.path("bridgeId"), r.list("media"),
				r.param("lang"), r.path("playbackId"))));
		on("playbacks.get", (r) -> ok(playbacks.get(r.path("playbackId"))));
		onVoid("playbacks.stop", (r) -> playbacks.stop(r.path("playbackId")));
	}

	private void recordings() {
		Recordings recordings = this.state.recordings;
		on("channels.record", (r) -> recording(recordings.recordChannel(r.path("channelId"), record(r))));
		on("bridges.record", (r) -> recording(recordings.recordBridge(r.path("bridgeId"), record(r))));
		on("recordings.getLive", (r) -> ok(recordings.live(r.path("recordingName"))));
		onVoid("recordings.stop", (r) -> recordings.stop(r.path("recordingName"), "done"));
		onVoid("recordings.cancel", (r) -> recordings.stop(r.path("recordingName"), "canceled"));
		on("recordings.listStored", (r) -> ok(recordings.stored()));
		on("recordings.getStored", (r) -> ok(recordings.stored(r.path("recordingName"))));
		onVoid("recordings.deleteStored", (r) -> recordings.deleteStored(r.path("recordingName")));
	}

	/**
	 * Answers one request below {@code /ari}.
	 * @param method the HTTP method
	 * @param path the path below {@code /ari}, URL-encoded
	 * @param query the query parameters
	 * @param body the body, empty for none
	 * @param readOnly whether the user may only read
	 * @return the answer
	 */
	Answer handle(String method, String path, Map<String, List<String>> query, String body, boolean readOnly) {
		String operation = null;
		try {
			if (readOnly && !"GET".equals(method)) {
				throw AriError.of(403, "Forbidden", "Write access denied");
			}
			AriRoutes.Match match = this.routes.resolve(method, path);
			operation = match.operation();
			Function<RestRequest, Answer> handler = this.handlers.get(operation);
			if (handler == null) {
				throw AriError.notImplemented(operation, method + " " + match.route().template());
			}
			return handler.apply(RestRequest.of(query, body, match.variables())).withOperation(operation);
		}
		catch (AriError ex) {
			return error(ex).withOperation(operation);
		}
		catch (RuntimeException ex) {
			// A fault of the simulator, not an answer Asterisk would give: say so.
			logger.error("The ARI simulator failed on " + method + " " + path, ex);
			return new Answer(500, "Internal Server Error", Wire.message("The ARI simulator failed: " + ex), Map.of(),
					operation);
		}
	}

	/** The operation a request names, or {@code null}. */
	@Nullable String operation(String method, String path) {
		try {
			return this.routes.resolve(method, path).operation();
		}
		catch (AriError ex) {
			return null;
		}
	}

	static Answer error(AriError error) {
		Map<String, String> headers = (error.allow() != null) ? Map.of("Allow", error.allow()) : Map.of();
		return new Answer(error.status(), error.reason(), error.body(), headers, null);
	}

	private void on(String operation, Function<RestRequest, Answer> handler) {
		this.handlers.put(operation, handler);
	}

	private void onVoid(String operation, Consumer<RestRequest> handler) {
		on(operation, (request) -> {
			handler.accept(request);
			return new Answer(204, "No Content", null, Map.of(), null);
		});
	}

	private void mute(RestRequest request) {
		this.state.channels.acceptWithoutEvents(request.path("channelId"));
		String direction = request.param("direction");
		if (direction == null || direction.isEmpty()) {
			throw AriError.badRequest("Direction is required");
		}
		if (!List.of("in", "out", "both").contains(direction)) {
			throw AriError.badRequest("Invalid direction specified");
		}
	}

	private static OriginateRequest originate(RestRequest request, @Nullable String channelId, boolean staged) {
		return new OriginateRequest(request.param("endpoint"), request.param("extension"), request.param("context"),
				request.param("app"), Strings.csv(request.param("appArgs")), request.param("callerId"),
				request.variables(), channelId, request.param("otherChannelId"), staged);
	}

	private static RecordRequest record(RestRequest request) {
		return new RecordRequest(request.param("name"), request.param("format"),
				request.integer("maxDurationSeconds", 0), request.integer("maxSilenceSeconds", 0),
				request.param("ifExists"), request.param("terminateOn"));
	}

	private static Answer ok(Object body) {
		return new Answer(200, "OK", Wire.body(body), Map.of(), null);
	}

	private static Answer playback(Playback playback) {
		return created(playback, "/playbacks/" + playback.id());
	}

	private static Answer recording(LiveRecording recording) {
		return created(recording, "/recordings/live/" + recording.name());
	}

	private static Answer created(Object body, String location) {
		return new Answer(201, "Created", Wire.body(body), Map.of("Location", location), null);
	}

	/**
	 * An answer to a REST request.
	 *
	 * @param status the status
	 * @param reason the reason phrase, as Asterisk words it
	 * @param body the JSON body, or {@code null} for none
	 * @param headers extra headers, such as {@code Location} or {@code Allow}
	 * @param operation the operation answered, for the request log
	 */
	record Answer(int status, String reason, @Nullable String body, Map<String, String> headers,
			@Nullable String operation) {

		Answer withOperation(@Nullable String operation) {
			return new Answer(this.status, this.reason, this.body, this.headers, operation);
		}

	}

}
