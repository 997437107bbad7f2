package io.github.arispring.client.websocket;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A RESTResponse frame as an HTTP response: status, {@code Content-Type} and body.
 */
final class WebSocketRestResponse implements ClientHttpResponse {

	private final HttpStatusCode status;

	private final HttpHeaders headers = new HttpHeaders();

	private final byte[] body;

	private final Sinks.Empty<Void> released = Sinks.empty();

	WebSocketRestResponse(RestFrames.Response response) {
		this.status = HttpStatusCode.valueOf(response.status());
		this.body = (response.body() != null) ? response.body().getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (response.contentType() != null) {
			this.headers.set(HttpHeaders.CONTENT_TYPE, response.contentType());
		}
		this.headers.setContentLength(this.body.length);
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.status;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public MultiValueMap<String, ResponseCookie> getCookies() {
		return new LinkedMultiValueMap<>();
	}

	/**
	 * The body is readable from now on, once the response has been handed over.
	 */
	void releaseBody() {
		this.released.tryEmitEmpty();
	}

	@Override
	public Flux<DataBuffer> getBody() {
		return this.released.asMono()
			.thenMany(Flux.defer(() -> (this.body.length == 0) ? Flux.empty()
					: Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body))));
	}

}
