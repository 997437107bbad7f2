package io.github.arispring.client.websocket;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * Sends each request over HTTP or over a {@link WebSocketRestConnector}, as its
 * {@link RestTransport} says. Whatever the transport, requests for something other than JSON
 * go over HTTP: those marked with {@link #HTTP_ONLY_ATTRIBUTE} (operations that answer with a
 * file, which Asterisk refuses over a WebSocket), those whose {@code Accept} header excludes
 * JSON, and those with a body that is neither JSON nor a form.
 */
public class RestTransportRoutingConnector implements ClientHttpConnector {

	/**
	 * A request attribute that, set to {@code true}, sends the request over HTTP whatever the
	 * transport.
	 */
	public static final String HTTP_ONLY_ATTRIBUTE = RestTransportRoutingConnector.class.getName() + ".httpOnly";

	private final ClientHttpConnector http;

	private final WebSocketRestConnector webSocket;

	private final RestTransport transport;

	/**
	 * Creates a connector.
	 * @param http the HTTP connector
	 * @param webSocket the WebSocket connector
	 * @param transport how to choose between them
	 */
	public RestTransportRoutingConnector(ClientHttpConnector http, WebSocketRestConnector webSocket,
			RestTransport transport) {
		this.http = http;
		this.webSocket = webSocket;
		this.transport = transport;
		if (transport == RestTransport.AUTO) {
			webSocket.setHttpFallback(true);
		}
	}

	/**
	 * The transport.
	 * @return how requests are routed
	 */
	public RestTransport getTransport() {
		return this.transport;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		if (this.transport == RestTransport.HTTP
				|| (this.transport == RestTransport.AUTO && !this.webSocket.isAnswering())) {
			return this.http.connect(method, uri, requestCallback);
		}
		BufferedClientHttpRequest request = new BufferedClientHttpRequest(method, uri);
		return requestCallback.apply(request).then(Mono.defer(() -> {
			if (!canGoOverWebSocket(request)) {
				return overHttp(request);
			}
			if (this.transport == RestTransport.AUTO) {
				// The socket may have closed since: a call that was not sent goes over HTTP.
				return this.webSocket.exchange(request, false)
					.onErrorResume(WebSocketRestException.NotSent.class, (ex) -> overHttp(request));
			}
			return this.webSocket.exchange(request, true);
		}));
	}

	private Mono<ClientHttpResponse> overHttp(BufferedClientHttpRequest request) {
		return this.http.connect(request.getMethod(), request.getURI(), request::replayInto);
	}

	private static boolean canGoOverWebSocket(BufferedClientHttpRequest request) {
		if (Boolean.TRUE.equals(request.getAttributes().get(HTTP_ONLY_ATTRIBUTE))) {
			return false;
		}
		List<MediaType> accept = request.getHeaders().getAccept();
		if (!accept.isEmpty() && accept.stream().noneMatch((type) -> type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
			return false;
		}
		MediaType contentType = request.getHeaders().getContentType();
		return request.body().length == 0 || contentType == null
				|| contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
				|| contentType.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED);
	}

}
