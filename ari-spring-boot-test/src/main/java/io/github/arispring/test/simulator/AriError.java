package io.github.arispring.test.simulator;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An error answer exactly as Asterisk 23.4.1 gives it: status, reason phrase (which varies, such
 * as "Not found" for bridges and "Not Found" for channels) and JSON body. The messages come from
 * the captured {@code rest/errors} samples or, where no capture exists, from Asterisk's source.
 */
final class AriError extends RuntimeException {

	private final int status;

	private final String reason;

	private final String body;

	private final @Nullable String allow;

	private AriError(int status, String reason, String body, @Nullable String allow) {
		super(status + " " + body, null, false, false);
		this.status = status;
		this.reason = reason;
		this.body = body;
		this.allow = allow;
	}

	private AriError(int status, String reason, String body) {
		this(status, reason, body, null);
	}

	static AriError of(int status, String reason, String message) {
		return new AriError(status, reason, Wire.message(message));
	}

	static AriError badRequest(String message) {
		return of(400, "Bad Request", message);
	}

	static AriError notFound(String message) {
		return of(404, "Not Found", message);
	}

	static AriError conflict(String message) {
		return of(409, "Conflict", message);
	}

	static AriError unprocessable(String message) {
		return of(422, "Unprocessable Entity", message);
	}

	static AriError channelNotFound() {
		return notFound("Channel not found");
	}

	static AriError notInStasis() {
		return conflict("Channel not in Stasis application");
	}

	static AriError invalidState() {
		return of(412, "Precondition Failed", "Channel in invalid state");
	}

	/** As {@code GET} and {@code DELETE /bridges/{id}} say it. */
	static AriError bridgeNotFound() {
		return notFound("Bridge not found");
	}

	/** As the operations on a bridge's members and media say it ({@code find_bridge}): "Not found". */
	static AriError bridgeNotFoundForControl() {
		return of(404, "Not found", "Bridge not found");
	}

	static AriError recordingNotFound() {
		return notFound("Recording not found");
	}

	static AriError applicationNotFound() {
		return notFound("Application not found");
	}

	/** {@code ast_ari_response_alloc_failed}: note the {@code error} key. */
	static AriError allocationFailed() {
		return new AriError(500, "Internal Server Error", Wire.MAPPER.writeValueAsString(Map.of("error", "Allocation failed")));
	}

	static AriError notImplemented(String operation, String request) {
		return of(501, "Not Implemented",
				"The ARI simulator does not implement " + operation + " (" + request + ")");
	}

	/** The same error with the {@code Allow} header a 405 answer carries. */
	AriError withAllow(String allow) {
		return new AriError(this.status, this.reason, this.body, allow);
	}

	int status() {
		return this.status;
	}

	String reason() {
		return this.reason;
	}

	String body() {
		return this.body;
	}

	@Nullable String allow() {
		return this.allow;
	}

}
