package io.github.arispring.client;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Asterisk answered an ARI request with an error status. Carries the status, the operation
 * ({@code channels.play}), the request's URI template (never ids or credentials) and
 * Asterisk's own message, whether it sent {@code {"message": ...}}, {@code {"error": ...}} or
 * an HTML page. The nested subclasses let callers catch one status:
 * {@code catch (AriException.NotFound ex)}.
 */
public class AriException extends RuntimeException {

	private final int statusCode;

	private final @Nullable String operation;

	private final @Nullable String request;

	private final @Nullable String asteriskMessage;

	private final @Nullable String responseBody;

	/**
	 * Creates an exception.
	 * @param statusCode the HTTP status, or 0 when there was no answer
	 * @param operation the operation, such as {@code channels.play}
	 * @param request the method and URI template, such as {@code POST /channels/{channelId}/play}
	 * @param asteriskMessage the message Asterisk gave
	 * @param responseBody the whole response body
	 * @param message the exception message
	 * @param cause the cause
	 */
	protected AriException(int statusCode, @Nullable String operation, @Nullable String request,
			@Nullable String asteriskMessage, @Nullable String responseBody, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.statusCode = statusCode;
		this.operation = operation;
		this.request = request;
		this.asteriskMessage = asteriskMessage;
		this.responseBody = responseBody;
	}

	/**
	 * Creates the exception for an error answer, of the subclass for its status.
	 * @param statusCode the HTTP status
	 * @param operation the operation, such as {@code channels.play}
	 * @param request the method and URI template
	 * @param responseBody the response body
	 * @param contentType the response's content type
	 * @param hint what to do about it, appended to the message; may be {@code null}
	 * @return the exception
	 */
	public static AriException of(int statusCode, @Nullable String operation, @Nullable String request,
			@Nullable String responseBody, @Nullable String contentType, @Nullable String hint) {
		String asteriskMessage = AriErrorMessages.extract(responseBody, contentType);
		String message = "ARI " + ((operation != null) ? operation : "request")
				+ ((request != null) ? " (" + request + ")" : "") + " failed with " + statusCode + " "
				+ reason(statusCode) + ((asteriskMessage != null) ? ": " + asteriskMessage : "")
				+ ((hint != null) ? "; " + hint : "");
		return switch (statusCode) {
			case 400 -> new BadRequest(statusCode, operation, request, asteriskMessage, responseBody, message);
			case 401 -> new Unauthorized(statusCode, operation, request, asteriskMessage, responseBody, message);
			case 403 -> new Forbidden(statusCode, operation, request, asteriskMessage, responseBody, message);
			case 404 -> new NotFound(statusCode, operation, request, asteriskMessage, responseBody, message);
			case 409 -> new Conflict(statusCode, operation, request, asteriskMessage, responseBody, message);
			case 422 -> new UnprocessableEntity(statusCode, operation, request, asteriskMessage, responseBody, message);
			default -> (statusCode >= 500)
					? new ServerError(statusCode, operation, request, asteriskMessage, responseBody, message)
					: new AriException(statusCode, operation, request, asteriskMessage, responseBody, message, null);
		};
	}

	private static String reason(int statusCode) {
		HttpStatus status = HttpStatus.resolve(statusCode);
		return (status != null) ? status.getReasonPhrase() : "";
	}

	/**
	 * The HTTP status Asterisk answered with.
	 * @return the status, or 0 when Asterisk gave no answer ({@link AriConnectionException})
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * The operation, such as {@code channels.play}.
	 * @return the operation, or {@code null} if not known
	 */
	public @Nullable String operation() {
		return this.operation;
	}

	/**
	 * The request's method and URI template, such as {@code POST /channels/{channelId}/play}.
	 * @return the request, or {@code null} if not known
	 */
	public @Nullable String request() {
		return this.request;
	}

	/**
	 * The message Asterisk gave, such as {@code Channel not found}.
	 * @return the message, or {@code null} if the answer had none
	 */
	public @Nullable String asteriskMessage() {
		return this.asteriskMessage;
	}

	/**
	 * The whole response body.
	 * @return the body, or {@code null}
	 */
	public @Nullable String responseBody() {
		return this.responseBody;
	}

	@Override
	public String toString() {
		return getClass().getName().replace('$', '.') + ": " + getMessage();
	}

	/** 400: a missing or invalid parameter. */
	public static class BadRequest extends AriException {

		BadRequest(int statusCode, @Nullable String operation, @Nullable String request, @Nullable String asteriskMessage,
				@Nullable String responseBody, String message) {
			super(statusCode, operation, request, asteriskMessage, responseBody, message, null);
		}

	}

	/** 401: wrong or missing credentials. */
	public static class Unauthorized extends AriException {

		Unauthorized(int statusCode, @Nullable String operation, @Nullable String request,
				@Nullable String asteriskMessage, @Nullable String responseBody, String message) {
			super(statusCode, operation, request, asteriskMessage, responseBody, message, null);
		}

	}

	/** 403: the user may not do this, such as a read-only user writing. */
	public static class Forbidden extends AriException {

		Forbidden(int statusCode, @Nullable String operation, @Nullable String request, @Nullable String asteriskMessage,
				@Nullable String responseBody, String message) {
			super(statusCode, operation, request, asteriskMessage, responseBody, message, null);
		}

	}

	/** 404: no such channel, bridge, playback, recording, application, ... */
	public static class NotFound extends AriException {

		NotFound(int statusCode, @Nullable String operation, @Nullable String request, @Nullable String asteriskMessage,
				@Nullable String responseBody, String message) {
			super(statusCode, operation, request, asteriskMessage, responseBody, message, null);
		}

	}

	/** 409: the object is in the wrong state, such as a channel not in a Stasis application. */
	public static class Conflict extends AriException {

		Conflict(int statusCode, @Nullable String operation, @Nullable String request, @Nullable String asteriskMessage,
				@Nullable String responseBody, String message) {
			super(statusCode, operation, request, asteriskMessage, responseBody, message, null);
		}

	}

	/** 422: a parameter names something that cannot be used, such as an unknown recording format. */
	public static class UnprocessableEntity extends AriException {

		UnprocessableEntity(int statusCode, @Nullable String operation, @Nullable String request,
				@Nullable String asteriskMessage, @Nullable String responseBody, String message) {
			super(statusCode, operation, request, asteriskMessage, responseBody, message, null);
		}

	}

	/** 5xx: Asterisk failed, for example to allocate a channel for an unknown technology. */
	public static class ServerError extends AriException {

		ServerError(int statusCode, @Nullable String operation, @Nullable String request,
				@Nullable String asteriskMessage, @Nullable String responseBody, String message) {
			super(statusCode, operation, request, asteriskMessage, responseBody, message, null);
		}

	}

}
