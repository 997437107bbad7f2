package io.github.arispring.client.websocket;

import java.net.URI;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequest;

/**
 * A request written into memory: headers, attributes and body are kept, to be sent as a
 * RESTRequest frame or replayed into an HTTP request.
 */
final class BufferedClientHttpRequest extends AbstractClientHttpRequest {

	private static final byte[] EMPTY = new byte[0];

	private final HttpMethod method;

	private final URI uri;

	private volatile byte[] body = EMPTY;

	BufferedClientHttpRequest(HttpMethod method, URI uri) {
		this.method = method;
		this.uri = uri;
	}

	@Override
	public HttpMethod getMethod() {
		return this.method;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public DataBufferFactory bufferFactory() {
		return DefaultDataBufferFactory.sharedInstance;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return doCommit(() -> DataBufferUtils.join(body).doOnNext((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			this.body = bytes;
		}).then());
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return writeWith(Flux.from(body).concatMap(Flux::from));
	}

	@Override
	public Mono<Void> setComplete() {
		return doCommit();
	}

	@Override
	protected void applyHeaders() {
	}

	@Override
	protected void applyCookies() {
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getNativeRequest() {
		return (T) this;
	}

	byte[] body() {
		return this.body;
	}

	/**
	 * Writes this request into another one, such as an HTTP request.
	 * @param target the request to write
	 * @return completes when written
	 */
	Mono<Void> replayInto(ClientHttpRequest target) {
		target.getHeaders().putAll(getHeaders());
		target.getCookies().addAll(getCookies());
		target.getAttributes().putAll(getAttributes());
		return (this.body.length == 0) ? target.setComplete()
				: target.writeWith(Mono.fromSupplier(() -> target.bufferFactory().wrap(this.body)));
	}

}
