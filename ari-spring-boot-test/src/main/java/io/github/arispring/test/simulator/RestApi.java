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

import io.github.arispring.test.simulator.SimulatorState.OriginateRequest;
import io.github.arispring.test.simulator.SimulatorState.RecordRequest;

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
		channels();
		bridges();
		media();
	}

	private void asterisk() {
		on("asterisk.getInfo", (r) -> ok(this.state.info(r.list("only"))));
		on("asterisk.ping", (r) -> ok(this.state.ping()));
		on("asterisk.getGlobalVar", (r) -> ok(this.state.globalVariable(r.param("variable"))));
		onVoid("asterisk.setGlobalVar", (r) -> this.state.setGlobalVariable(r.param("variable"), r.param("value")));
	}

	private void applications() {
		on("applications.list", (r) -> ok(this.state.applications()));
		on("applications.get", (r) -> ok(this.state.application(r.path("applicationName"))));
		on("applications.subscribe",
				(r) -> ok(this.state.subscribe(r.path("applicationName"), r.list("eventSource"), true)));
		on("applications.unsubscribe",
				(r) -> ok(this.state.subscribe(r.path("applicationName"), r.list("eventSource"), false)));
	}

	private void channels() {
		on("channels.list", (r) -> ok(this.state.channels()));
		on("channels.get", (r) -> ok(this.state.channel(r.path("channelId"))));
		on("channels.originate", (r) -> ok(this.state.originate(originate(r, r.param("channelId"), false))));
		on("channels.originateWithId", (r) -> ok(this.state.originate(originate(r, r.path("channelId"), false))));
		on("channels.create", (r) -> ok(this.state.originate(originate(r, r.param("channelId"), true))));
		onVoid("channels.dial", (r) -> this.state.dial(r.path("channelId")));
		onVoid("channels.hangup",
				(r) -> this.state.hangup(r.path("channelId"), r.param("reason"), r.param("reason_code")));
		onVoid("channels.answer", (r) -> this.state.answer(r.path("channelId")));
		for (String operation : List.of("ring", "ringStop", "progress", "startMoh", "stopMoh", "startSilence",
				"stopSilence")) {
			onVoid("channels." + operation, (r) -> this.state.acceptWithoutEvents(r.path("channelId")));
		}
		onVoid("channels.mute", this::mute);
		onVoid("channels.unmute", this::mute);
		onVoid("channels.continueInDialplan", (r) -> this.state.continueInDialplan(r.path("channelId")));
		onVoid("channels.move", (r) -> this.state.move(r.path("channelId"), r.param("app"),
				SimulatorState.csv(r.param("appArgs"))));
		onVoid("channels.sendDTMF", (r) -> this.state.sendDtmf(r.path("channelId"), r.param("dtmf"),
				r.integer("before", 0), r.integer("between", 100), r.integer("duration", 100)));
		on("channels.getChannelVar", (r) -> ok(this.state.channelVariable(r.path("channelId"), r.param("variable"))));
		onVoid("channels.setChannelVar",
				(r) -> this.state.setChannelVariable(r.path("channelId"), r.param("variable"), r.param("value"),
						"true".equalsIgnoreCase(r.param("report_events"))));
	}

	private void bridges() {
		on("bridges.list", (r) -> ok(this.state.bridges()));
		on("bridges.get", (r) -> ok(this.state.bridge(r.path("bridgeId"))));
		on("bridges.create",
				(r) -> ok(this.state.createBridge(r.param("bridgeId"), r.param("type"), r.param("name"))));
		on("bridges.createWithId",
				(r) -> ok(this.state.createBridge(r.path("bridgeId"), r.param("type"), r.param("name"))));
		onVoid("bridges.destroy", (r) -> this.state.destroyBridge(r.path("bridgeId")));
		onVoid("bridges.addChannel", (r) -> this.state.addToBridge(r.path("bridgeId"), r.list("channel")));
		onVoid("bridges.removeChannel", (r) -> this.state.removeFromBridge(r.path("bridgeId"), r.list("channel")));
	}

	private void media() {
		on("channels.play", (r) -> playback(this.state.playOnChannel(r.path("channelId"), r.list("media"),
				r.param("lang"), r.param("playbackId"), r.integer("offsetms", 0), r.integer("skipms", 3000))));
		on("channels.playWithId", (r) -> playback(this.state.playOnChannel(r.path("channelId"), r.list("media"),
				r.param("lang"), r.path("playbackId"), r.integer("offsetms", 0), r.integer("skipms", 3000))));
		on("bridges.play", (r) -> playback(this.state.playOnBridge(r.path("bridgeId"), r.list("media"),
				r.param("lang"), r.param("playbackId"))));
		on("bridges.playWithId", (r) -> playback(this.state.playOnBridge(r.path("bridgeId"), r.list("media"),
				r.param("lang"), r.path("playbackId"))));
		on("playbacks.get", (r) -> ok(this.state.playback(r.path("playbackId"))));
		onVoid("playbacks.stop", (r) -> this.state.stopPlayback(r.path("playbackId")));
		on("channels.record", (r) -> recording(r, this.state.recordChannel(r.path("channelId"), record(r))));
		on("bridges.record", (r) -> recording(r, this.state.recordBridge(r.path("bridgeId"), record(r))));
		on("recordings.getLive", (r) -> ok(this.state.liveRecording(r.path("recordingName"))));
		onVoid("recordings.stop", (r) -> this.state.stopRecording(r.path("recordingName"), "done"));
		onVoid("recordings.cancel", (r) -> this.state.stopRecording(r.path("recordingName"), "canceled"));
		on("recordings.listStored", (r) -> ok(this.state.storedRecordings()));
		on("recordings.getStored", (r) -> ok(this.state.storedRecording(r.path("recordingName"))));
		onVoid("recordings.deleteStored", (r) -> this.state.deleteStoredRecording(r.path("recordingName")));
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
		this.state.acceptWithoutEvents(request.path("channelId"));
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
				request.param("app"), SimulatorState.csv(request.param("appArgs")), request.param("callerId"),
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

	private static Answer recording(RestRequest request, LiveRecording recording) {
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
