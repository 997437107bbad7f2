package io.github.arispring.client;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.web.reactive.function.client.ClientHttpObservationDocumentation;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;
import org.springframework.web.service.invoker.AbstractReactorHttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Carries the calls of the generated {@code @HttpExchange} interfaces straight to a
 * {@link ClientHttpConnector}, below {@code WebClient}: one request and one response per call,
 * JSON read and written by a mapper of the starter's own, error answers turned into
 * {@link AriException}s and failed connections into {@link AriConnectionException}s as
 * {@link AriClientFactory}'s {@code WebClient} filter does.
 * <p>
 * What a call costs is the connector's work plus the URI expansion and the JSON: no filter
 * chain, request and response objects of {@code WebClient}, codec lookup, or checkpoint per
 * call. With an {@link ObservationRegistry} each call is observed as
 * {@code http.client.requests} the way {@code WebClient} observes it (same convention,
 * context and URI template), so meters and traces do not change.
 */
final class AriExchangeAdapter extends AbstractReactorHttpExchangeAdapter {

	private static final DefaultClientRequestObservationConvention DEFAULT_CONVENTION = new DefaultClientRequestObservationConvention();

	private static final String URI_TEMPLATE_ATTRIBUTE = AriClientFactory.URI_TEMPLATE_ATTRIBUTE;

	private final ClientHttpConnector connector;

	private final UriBuilderFactory uriBuilderFactory;

	private final @Nullable String authorization;

	private final AriClientFactory.ErrorMapping errors;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ClientRequestObservationConvention observationConvention;

	private final Json json = new Json();

	AriExchangeAdapter(ClientHttpConnector connector, UriBuilderFactory uriBuilderFactory,
			@Nullable String authorization, AriClientFactory.ErrorMapping errors,
			ObservationRegistry observationRegistry, @Nullable ClientRequestObservationConvention observationConvention) {
		this.connector = connector;
		this.uriBuilderFactory = uriBuilderFactory;
		this.authorization = authorization;
		this.errors = errors;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	@Override
	public boolean supportsRequestAttributes() {
		return true;
	}

	@Override
	public Mono<Void> exchangeForMono(HttpRequestValues values) {
		return exchange(values, (response, status) -> drain(response).then(Mono.empty()));
	}

	@Override
	public Mono<HttpHeaders> exchangeForHeadersMono(HttpRequestValues values) {
		return exchange(values, (response, status) -> drain(response).thenReturn(response.getHeaders()));
	}

	@Override
	public <T> Mono<T> exchangeForBodyMono(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		Type type = bodyType.getType();
		return exchange(values, (response, status) -> body(response, type));
	}

	@Override
	public <T> Flux<T> exchangeForBodyFlux(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		Type type = bodyType.getType();
		return exchange(values, (response, status) -> this.<T>elements(response, type)).flatMapIterable((list) -> list);
	}

	@Override
	public Mono<ResponseEntity<Void>> exchangeForBodilessEntityMono(HttpRequestValues values) {
		return exchange(values, (response, status) -> drain(response)
			.then(Mono.just(ResponseEntity.status(status).headers(response.getHeaders()).<Void>build())));
	}

	@Override
	public <T> Mono<ResponseEntity<T>> exchangeForEntityMono(HttpRequestValues values,
			ParameterizedTypeReference<T> bodyType) {
		Type type = bodyType.getType();
		return exchange(values, (response, status) -> this.<T>body(response, type)
			.map((body) -> ResponseEntity.status(status).headers(response.getHeaders()).body(body))
			.defaultIfEmpty(ResponseEntity.status(status).headers(response.getHeaders()).build()));
	}

	@Override
	public <T> Mono<ResponseEntity<Flux<T>>> exchangeForEntityFlux(HttpRequestValues values,
			ParameterizedTypeReference<T> bodyType) {
		Type type = bodyType.getType();
		return exchange(values, (response, status) -> this.<T>elements(response, type)
			.map((list) -> ResponseEntity.status(status).headers(response.getHeaders()).body(Flux.fromIterable(list))));
	}

	private <T> Mono<T> exchange(HttpRequestValues values,
			BiFunction<ClientHttpResponse, HttpStatusCode, Mono<T>> bodyHandler) {
		HttpMethod method = values.getHttpMethod();
		Map<String, Object> attributes = values.getAttributes();
		URI uri;
		byte[] body;
		try {
			URI given = values.getUri();
			String template = values.getUriTemplate();
			uri = (given != null || template == null) ? given
					: this.uriBuilderFactory.expand(template, values.getUriVariables());
			body = (values.getBodyValue() != null) ? this.json.write(values.getBodyValue()) : null;
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		if (uri == null) {
			return Mono.error(new IllegalStateException("No URI for " + method));
		}
		if (!this.observationRegistry.isNoop()) {
			return observed(method, uri, values.getHeaders(), attributes, body, bodyHandler);
		}
		return send(method, uri, values.getHeaders(), attributes, body, null, bodyHandler);
	}

	private <T> Mono<T> send(HttpMethod method, URI uri, HttpHeaders headers, Map<String, Object> attributes,
			byte @Nullable [] body, @Nullable HttpHeaders extraHeaders,
			BiFunction<ClientHttpResponse, HttpStatusCode, Mono<T>> bodyHandler) {
		return this.connector.connect(method, uri, (request) -> write(request, headers, extraHeaders, attributes, body))
			.onErrorMap((ex) -> !(ex instanceof AriException),
					(ex) -> this.errors.toConnectionException(method, uri, attributes, ex))
			.flatMap((response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (status.isError()) {
					return errorBody(response).flatMap((text) -> Mono.error(this.errors.toException(status.value(),
							response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), text, method, uri, attributes)));
				}
				return bodyHandler.apply(response, status);
			});
	}

	private Mono<Void> write(ClientHttpRequest request, HttpHeaders headers, @Nullable HttpHeaders extraHeaders,
			Map<String, Object> attributes, byte @Nullable [] body) {
		HttpHeaders requestHeaders = request.getHeaders();
		if (!headers.isEmpty()) {
			requestHeaders.addAll(headers);
		}
		if (extraHeaders != null) {
			requestHeaders.addAll(extraHeaders);
		}
		if (this.authorization != null) {
			requestHeaders.set(HttpHeaders.AUTHORIZATION, this.authorization);
		}
		if (!attributes.isEmpty()) {
			request.getAttributes().putAll(attributes);
		}
		if (body == null) {
			return request.setComplete();
		}
		requestHeaders.setContentType(MediaType.APPLICATION_JSON);
		requestHeaders.setContentLength(body.length);
		return request.writeWith(Mono.just(request.bufferFactory().wrap(body)));
	}

	/**
	 * The call observed as {@code WebClient} observes it: a context carrying a
	 * {@link ClientRequest} (into which propagation writes its headers), the URI template, and
	 * the response's status.
	 */
	private <T> Mono<T> observed(HttpMethod method, URI uri, HttpHeaders headers, Map<String, Object> attributes,
			byte @Nullable [] body, BiFunction<ClientHttpResponse, HttpStatusCode, Mono<T>> bodyHandler) {
		ClientRequest.Builder requestBuilder = ClientRequest.create(method, uri)
			.headers((target) -> target.addAll(headers))
			.attributes((target) -> target.putAll(attributes));
		ClientRequestObservationContext context = new ClientRequestObservationContext(requestBuilder);
		Observation observation = ClientHttpObservationDocumentation.HTTP_REACTIVE_CLIENT_EXCHANGES
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.start();
		ClientRequest request = requestBuilder.build();
		Object template = attributes.get(URI_TEMPLATE_ATTRIBUTE);
		context.setUriTemplate((template != null) ? template.toString() : null);
		context.setRequest(request);
		HttpHeaders propagated = new HttpHeaders();
		request.headers().forEach((name, value) -> {
			if (!headers.containsHeader(name)) {
				propagated.put(name, value);
			}
		});
		return send(method, uri, headers, attributes, body, propagated.isEmpty() ? null : propagated,
				(response, status) -> {
					context.setResponse(ClientResponse.create(status).headers((target) -> target.addAll(response.getHeaders())).build());
					return bodyHandler.apply(response, status);
				})
			// stopped before the caller hears of the result, so that its meters are recorded by then
			.doOnSuccess((result) -> observation.stop())
			.doOnError((ex) -> {
				if (context.getResponse() == null && ex instanceof AriException ariException) {
					context.setResponse(ClientResponse.create(HttpStatusCode.valueOf(ariException.statusCode())).build());
				}
				observation.error(ex);
				observation.stop();
			})
			.doOnCancel(observation::stop)
			.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
	}

	private <T> Mono<T> body(ClientHttpResponse response, Type type) {
		return DataBufferUtils.join(response.getBody()).handle((buffer, sink) -> {
			T value = this.json.read(bytes(buffer), type);
			if (value != null) {
				sink.next(value);
			}
		});
	}

	private <T> Mono<List<T>> elements(ClientHttpResponse response, Type elementType) {
		return DataBufferUtils.join(response.getBody())
			.map((buffer) -> this.json.<T>readList(bytes(buffer), elementType))
			.defaultIfEmpty(List.of());
	}

	private static Mono<String> errorBody(ClientHttpResponse response) {
		return DataBufferUtils.join(response.getBody())
			.map((buffer) -> new String(bytes(buffer), StandardCharsets.UTF_8))
			.defaultIfEmpty("")
			.onErrorReturn("");
	}

	private static Mono<Void> drain(ClientHttpResponse response) {
		return response.getBody().doOnNext(DataBufferUtils::release).then();
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * JSON of the ARI clients, with a mapper of their own: an application's Jackson settings
	 * cannot change how Asterisk's answers are read. Readers and writers are made once per
	 * type.
	 */
	static final class Json {

		private final JsonMapper mapper = JsonMapper.builder().addModule(new BlackbirdModule()).build();

		private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

		private final Map<Type, ObjectReader> listReaders = new ConcurrentHashMap<>();

		private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

		@SuppressWarnings("unchecked")
		<T> @Nullable T read(byte[] bytes, Type type) {
			if (type == byte[].class) {
				return (T) bytes;
			}
			if (type == String.class) {
				return (T) new String(bytes, StandardCharsets.UTF_8);
			}
			if (type == Void.class) {
				return null;
			}
			ObjectReader reader = this.readers.computeIfAbsent(type,
					(key) -> this.mapper.readerFor(this.mapper.constructType(key)));
			try {
				return reader.readValue(bytes);
			}
			catch (JacksonException ex) {
				throw new AriDecodingException(type, ex);
			}
		}

		<T> List<T> readList(byte[] bytes, Type elementType) {
			ObjectReader reader = this.listReaders.computeIfAbsent(elementType, (key) -> {
				JavaType element = this.mapper.constructType(key);
				return this.mapper.readerFor(this.mapper.getTypeFactory().constructCollectionType(List.class, element));
			});
			try {
				return reader.readValue(bytes);
			}
			catch (JacksonException ex) {
				throw new AriDecodingException(elementType, ex);
			}
		}

		byte[] write(Object value) {
			return this.writers.computeIfAbsent(value.getClass(), this.mapper::writerFor).writeValueAsBytes(value);
		}

	}

	/** An answer that is not the JSON its operation declares. */
	static final class AriDecodingException extends IllegalStateException {

		AriDecodingException(Type type, JacksonException cause) {
			super("Asterisk's answer is not a " + type.getTypeName() + ": " + cause.getOriginalMessage(), cause);
		}

	}

}
