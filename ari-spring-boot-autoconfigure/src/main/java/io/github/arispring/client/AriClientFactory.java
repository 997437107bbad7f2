package io.github.arispring.client;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import io.github.arispring.client.websocket.RestTransportRoutingConnector;

/**
 * Makes the ARI resource clients: proxies of the generated HTTP interfaces. Those of a
 * {@link #builder(String) built} factory send their calls straight to a
 * {@link ClientHttpConnector}; those of {@link #create(WebClient.Builder, String, String, String)}
 * go through a {@link WebClient} and its filters. Either way, credentials go in the
 * {@code Authorization} header, never in the URL; error answers become {@link AriException}s
 * and unreachable servers {@link AriConnectionException}s, both naming the operation; and
 * calls are observed as {@code http.client.requests} with their URI templates.
 * <p>
 * Works without Spring Boot too:
 * {@code AriClient.create(AriClientFactory.builder("http://pbx:8088").credentials("user", "secret").build())}.
 */
public class AriClientFactory {

	/** The request attribute holding the operation, such as {@code channels.play}. */
	public static final String OPERATION_ATTRIBUTE = AriClientFactory.class.getName() + ".operation";

	static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private final WebClient webClient;

	private final URI baseUri;

	private final HttpServiceProxyFactory proxyFactory;

	/** Each method's operation and URI template attribute, made once rather than per call. */
	private final Map<Method, Names> names = new ConcurrentHashMap<>();

	/**
	 * Creates a factory over a WebClient that is already set up for Asterisk (base URL,
	 * credentials, error mapping); see {@link #create(WebClient.Builder, String, String, String)}.
	 * @param webClient the client
	 * @param baseUri the REST base URL, ending in {@code /ari}
	 */
	public AriClientFactory(WebClient webClient, URI baseUri) {
		this(webClient, baseUri, WebClientAdapter.create(webClient));
	}

	private AriClientFactory(WebClient webClient, URI baseUri, HttpExchangeAdapter adapter) {
		this.webClient = webClient;
		this.baseUri = baseUri;
		String basePath = baseUri.getRawPath();
		this.proxyFactory = HttpServiceProxyFactory.builderFor(adapter)
			.customArgumentResolver(new AriArgumentResolver())
			.httpRequestValuesProcessor((method, parameters, arguments, values) -> {
				Names names = this.names.get(method);
				if (names == null) {
					names = new Names(operation(method), null, null, answersWithBytes(method));
					this.names.put(method, names);
				}
				values.addAttribute(OPERATION_ATTRIBUTE, names.operation());
				// The template as declared, before query parameters are appended to it: the uri
				// tag of http.client.requests stays one value per operation.
				String template = values.getUriTemplate();
				if (template != null && !template.equals(names.template())) {
					names = new Names(names.operation(), template, basePath + template, names.binary());
					this.names.put(method, names);
				}
				if (names.uriTemplate() != null) {
					values.addAttribute(URI_TEMPLATE_ATTRIBUTE, names.uriTemplate());
				}
				if (names.binary()) {
					// Asterisk sends files only over HTTP, not over a WebSocket.
					values.addAttribute(RestTransportRoutingConnector.HTTP_ONLY_ATTRIBUTE, Boolean.TRUE);
				}
			})
			.build();
	}

	/**
	 * Starts a factory whose clients send their calls straight to a connector, below
	 * {@code WebClient}: the fastest way, and the one the starter uses. The builder's
	 * {@link Builder#build() result} also offers a {@link #webClient() WebClient} over the same
	 * connector, credentials and error mapping, for calls of your own.
	 * @param url the ARI URL, with or without the {@code /ari} suffix
	 * @return the builder
	 * @throws InvalidAriUrlException if the URL is missing or unusable
	 */
	public static Builder builder(@Nullable String url) {
		return new Builder(AriUrls.baseUri(url));
	}

	/**
	 * Sets up the builder for Asterisk and creates a factory whose clients call through the
	 * resulting {@code WebClient}. The builder keeps whatever else it carries (connector,
	 * filters, codecs, observation registry). For clients with filters of their own; a
	 * {@link #builder(String) built} factory costs less per call.
	 * @param builder the builder, such as Spring Boot's
	 * @param url the ARI URL, with or without the {@code /ari} suffix
	 * @param username the ARI user, or {@code null} for none
	 * @param password the password, or {@code null} for none
	 * @return the factory
	 * @throws InvalidAriUrlException if the URL is missing or unusable
	 */
	public static AriClientFactory create(WebClient.Builder builder, @Nullable String url, @Nullable String username,
			@Nullable String password) {
		return create(builder, url, username, password, null);
	}

	/**
	 * Sets up the builder for Asterisk and creates a factory over the resulting client, whose
	 * connector uses the given pool's connections. The pool's figures go into the
	 * {@link AriConnectionException.PoolSaturated} that a request gets when no connection
	 * becomes free in time.
	 * @param builder the builder, such as Spring Boot's
	 * @param url the ARI URL, with or without the {@code /ari} suffix
	 * @param username the ARI user, or {@code null} for none
	 * @param password the password, or {@code null} for none
	 * @param pool the pool the builder's connector takes its connections from, or {@code null}
	 * @return the factory
	 * @throws InvalidAriUrlException if the URL is missing or unusable
	 */
	public static AriClientFactory create(WebClient.Builder builder, @Nullable String url, @Nullable String username,
			@Nullable String password, @Nullable AriConnectionPool pool) {
		URI baseUri = AriUrls.baseUri(url);
		// Expands each operation's template without parsing it again for every call; encodes
		// values exactly as the default factory would (see AriUriBuilderFactory).
		builder.uriBuilderFactory(new AriUriBuilderFactory(baseUri));
		if (username != null && !username.isEmpty()) {
			builder.defaultHeaders((headers) -> headers.setBasicAuth(username, (password != null) ? password : ""));
		}
		builder.filter(new ErrorMapping(baseUri, username, pool));
		return new AriClientFactory(builder.build(), baseUri);
	}

	/**
	 * Creates a client for one of the generated resource interfaces.
	 * @param <T> the interface type
	 * @param type the interface, such as {@code ChannelsApi} or {@code ReactiveChannelsApi}
	 * @return the client
	 */
	public <T> T create(Class<T> type) {
		return this.proxyFactory.createClient(type);
	}

	/**
	 * The WebClient the clients use.
	 * @return the client
	 */
	public WebClient webClient() {
		return this.webClient;
	}

	/**
	 * The REST base URL.
	 * @return the URL, ending in {@code /ari}
	 */
	public URI baseUri() {
		return this.baseUri;
	}

	// byte[] or Mono<byte[]>: an operation that answers with a file.
	private static boolean answersWithBytes(Method method) {
		ResolvableType type = ResolvableType.forMethodReturnType(method);
		if (Publisher.class.isAssignableFrom(type.toClass())) {
			type = type.getGeneric(0);
		}
		return type.toClass() == byte[].class;
	}

	static String operation(Method method) {
		String type = method.getDeclaringClass().getSimpleName();
		if (type.startsWith("Reactive")) {
			type = type.substring("Reactive".length());
		}
		if (type.endsWith("Api")) {
			type = type.substring(0, type.length() - "Api".length());
		}
		return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "." + method.getName();
	}

	private record Names(String operation, @Nullable String template, @Nullable String uriTemplate, boolean binary) {

	}

	/**
	 * Builds a factory whose clients call a {@link ClientHttpConnector} directly.
	 */
	public static final class Builder {

		private final URI baseUri;

		private @Nullable ClientHttpConnector connector;

		private @Nullable String username;

		private @Nullable String password;

		private @Nullable AriConnectionPool pool;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable ClientRequestObservationConvention observationConvention;

		private @Nullable Supplier<WebClient.Builder> webClientBuilder;

		private Builder(URI baseUri) {
			this.baseUri = baseUri;
		}

		/**
		 * Sets the connector the calls go to; Reactor Netty's default one when not set.
		 * @param connector the connector
		 * @return this builder
		 */
		public Builder connector(ClientHttpConnector connector) {
			this.connector = connector;
			return this;
		}

		/**
		 * Sets the ARI user and password, sent in the {@code Authorization} header.
		 * @param username the user, or {@code null} for none
		 * @param password the password, or {@code null} for none
		 * @return this builder
		 */
		public Builder credentials(@Nullable String username, @Nullable String password) {
			this.username = username;
			this.password = password;
			return this;
		}

		/**
		 * Sets the pool the connector takes its connections from, whose figures go into the
		 * {@link AriConnectionException.PoolSaturated} a call gets when none becomes free in
		 * time.
		 * @param pool the pool, or {@code null}
		 * @return this builder
		 */
		public Builder connectionPool(@Nullable AriConnectionPool pool) {
			this.pool = pool;
			return this;
		}

		/**
		 * Sets the registry calls are observed in, as {@code http.client.requests} with their
		 * URI templates; none by default.
		 * @param observationRegistry the registry
		 * @param observationConvention the convention, or {@code null} for
		 * {@code DefaultClientRequestObservationConvention}
		 * @return this builder
		 */
		public Builder observations(ObservationRegistry observationRegistry,
				@Nullable ClientRequestObservationConvention observationConvention) {
			this.observationRegistry = observationRegistry;
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Sets where the {@link AriClientFactory#webClient() WebClient} for calls of your own
		 * comes from, such as Spring Boot's builder; {@code WebClient.builder()} by default.
		 * The clients do not use it.
		 * @param webClientBuilder the builder's supplier
		 * @return this builder
		 */
		public Builder webClientBuilder(Supplier<WebClient.Builder> webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * Builds the factory.
		 * @return the factory
		 */
		public AriClientFactory build() {
			ClientHttpConnector connector = (this.connector != null) ? this.connector
					: new ReactorClientHttpConnector();
			AriUriBuilderFactory uris = new AriUriBuilderFactory(this.baseUri);
			ErrorMapping errors = new ErrorMapping(this.baseUri, this.username, this.pool);
			String authorization = (this.username != null && !this.username.isEmpty()) ? "Basic "
					+ HttpHeaders.encodeBasicAuth(this.username, (this.password != null) ? this.password : "", null)
					: null;
			WebClient.Builder webClient = (this.webClientBuilder != null) ? this.webClientBuilder.get()
					: WebClient.builder();
			webClient.clientConnector(connector).uriBuilderFactory(uris).filter(errors);
			if (authorization != null) {
				webClient.defaultHeader(HttpHeaders.AUTHORIZATION, authorization);
			}
			AriExchangeAdapter adapter = new AriExchangeAdapter(connector, uris, authorization, errors,
					this.observationRegistry, this.observationConvention);
			return new AriClientFactory(webClient.build(), this.baseUri, adapter);
		}

	}

	/** Turns error answers and failed connections into ARI exceptions. */
	static final class ErrorMapping implements ExchangeFilterFunction {

		private final String basePath;

		private final @Nullable String username;

		private final @Nullable AriConnectionPool pool;

		ErrorMapping(URI baseUri, @Nullable String username, @Nullable AriConnectionPool pool) {
			this.basePath = baseUri.getRawPath();
			this.username = username;
			this.pool = pool;
		}

		@Override
		public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
			return next.exchange(request)
				.onErrorMap((ex) -> !(ex instanceof AriException),
						(ex) -> toConnectionException(request.method(), request.url(), request.attributes(), ex))
				.flatMap((response) -> response.statusCode().isError() ? toException(request, response)
						: Mono.just(response));
		}

		AriConnectionException toConnectionException(HttpMethod method, URI uri, Map<String, Object> attributes,
				Throwable ex) {
			String url = url(uri);
			String operation = operation(attributes);
			String message = AriPoolSaturation.describe(ex, this.pool, url, operation);
			String request = describe(method, uri, attributes);
			return (message != null) ? new AriConnectionException.PoolSaturated(url, operation, request, message)
					: new AriConnectionException(url, operation, request, ex);
		}

		private Mono<ClientResponse> toException(ClientRequest request, ClientResponse response) {
			int status = response.statusCode().value();
			String contentType = response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
			return response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.onErrorReturn("")
				.flatMap((body) -> Mono.error(
						toException(status, contentType, body, request.method(), request.url(), request.attributes())));
		}

		AriException toException(int status, @Nullable String contentType, String body, HttpMethod method, URI uri,
				Map<String, Object> attributes) {
			return AriException.of(status, operation(attributes), describe(method, uri, attributes), body, contentType,
					hint(status));
		}

		private @Nullable String hint(int status) {
			if (status == 401) {
				return (this.username != null) ? "Asterisk rejected user '" + this.username
						+ "': check ari.username and ari.password against ari.conf" : "no credentials were sent: set ari.username and ari.password";
			}
			if (status == 403 && this.username != null) {
				return "check that user '" + this.username + "' is not read_only in ari.conf";
			}
			return null;
		}

		private static @Nullable String operation(Map<String, Object> attributes) {
			Object operation = attributes.get(OPERATION_ATTRIBUTE);
			return (operation != null) ? operation.toString() : null;
		}

		// The template attribute is the base path plus the operation's template (see the processor).
		private String describe(HttpMethod method, URI uri, Map<String, Object> attributes) {
			Object template = attributes.get(URI_TEMPLATE_ATTRIBUTE);
			String path = (template != null) ? template.toString() : uri.getRawPath();
			int query = path.indexOf('?');
			path = (query != -1) ? path.substring(0, query) : path;
			if (path.startsWith(this.basePath + "/")) {
				path = path.substring(this.basePath.length());
			}
			return method.name() + " " + path;
		}

		private static String url(URI url) {
			return url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "")
					+ url.getRawPath();
		}

	}

}
