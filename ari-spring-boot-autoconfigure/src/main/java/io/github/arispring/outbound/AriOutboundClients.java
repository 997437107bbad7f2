package io.github.arispring.outbound;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriClientFactory;
import io.github.arispring.client.ReactiveAriClient;

/**
 * The clients of outbound connections. Building the HTTP interface clients is costly (one
 * proxy per resource interface, each method introspected), so it is done once: the reactive
 * resource clients are shared by every connection, over a connector that
 * sends each request over the connection found in the Reactor context of the call. A
 * connection's {@link AriClient} and {@link ReactiveAriClient} are thin views that put the
 * connection in that context: the blocking view calls the shared reactive client and waits
 * for its answer. Making a connection's clients therefore costs a few small objects.
 */
public final class AriOutboundClients {

	/** The host of the REST base URL, which appears in {@code http.client.requests}. */
	public static final String BASE_URL = "http://asterisk-outbound/ari";

	private static final Class<?> CONTEXT_KEY = AriOutboundConnection.class;

	private final Constructor<?> clientConstructor;

	private final Constructor<?> reactiveConstructor;

	private final Map<Class<?>, Object> sharedReactive = new HashMap<>();

	// For each blocking interface method: the reactive method it mirrors.
	private final Map<Method, Method> reactiveMethods = new HashMap<>();

	/**
	 * Creates the shared clients, whose calls are not observed.
	 */
	public AriOutboundClients() {
		this(ObservationRegistry.NOOP, null);
	}

	/**
	 * Creates the shared clients.
	 * @param observationRegistry the registry calls are observed in as
	 * {@code http.client.requests}, such as Spring Boot's
	 * @param observationConvention the convention, or {@code null} for the default one
	 */
	public AriOutboundClients(ObservationRegistry observationRegistry,
			@Nullable ClientRequestObservationConvention observationConvention) {
		AriClientFactory factory = AriClientFactory.builder(BASE_URL)
			.connector(new RoutingConnector())
			.observations(observationRegistry, observationConvention)
			.build();
		this.clientConstructor = AriClient.class.getConstructors()[0];
		this.reactiveConstructor = ReactiveAriClient.class.getConstructors()[0];
		Class<?>[] blockingTypes = this.clientConstructor.getParameterTypes();
		for (Class<?> reactiveType : this.reactiveConstructor.getParameterTypes()) {
			this.sharedReactive.put(reactiveType, factory.create(reactiveType));
		}
		for (Class<?> blockingType : blockingTypes) {
			Class<?> reactiveType = reactiveType(blockingType);
			for (Method method : blockingType.getMethods()) {
				if (!method.isDefault() && !method.isSynthetic()) {
					try {
						this.reactiveMethods.put(method,
								reactiveType.getMethod(method.getName(), method.getParameterTypes()));
					}
					catch (NoSuchMethodException ex) {
						throw new IllegalStateException(reactiveType.getName() + " does not mirror " + method, ex);
					}
				}
			}
		}
	}

	private Class<?> reactiveType(Class<?> blockingType) {
		for (Class<?> candidate : this.sharedReactive.keySet()) {
			if (candidate.getSimpleName().equals("Reactive" + blockingType.getSimpleName())) {
				return candidate;
			}
		}
		throw new IllegalStateException("No reactive client for " + blockingType.getName());
	}

	/**
	 * The blocking client whose calls go over the given connection.
	 * @param connection the connection
	 * @return a new view of the shared clients
	 */
	public AriClient client(AriOutboundConnection connection) {
		Class<?>[] types = this.clientConstructor.getParameterTypes();
		Object[] apis = new Object[types.length];
		for (int i = 0; i < types.length; i++) {
			Class<?> type = types[i];
			Object shared = this.sharedReactive.get(reactiveType(type));
			apis[i] = proxy(type, (method) -> {
				Method reactive = this.reactiveMethods.get(method);
				return (reactive != null) ? new Blocking(shared, reactive) : null;
			}, connection);
		}
		return (AriClient) instantiate(this.clientConstructor, apis);
	}

	/**
	 * The reactive client whose calls go over the given connection.
	 * @param connection the connection
	 * @return a new view of the shared clients
	 */
	public ReactiveAriClient reactiveClient(AriOutboundConnection connection) {
		Class<?>[] types = this.reactiveConstructor.getParameterTypes();
		Object[] apis = new Object[types.length];
		for (int i = 0; i < types.length; i++) {
			Object shared = this.sharedReactive.get(types[i]);
			apis[i] = proxy(types[i], (method) -> new Reactive(shared, method), connection);
		}
		return (ReactiveAriClient) instantiate(this.reactiveConstructor, apis);
	}

	private static Object instantiate(Constructor<?> constructor, Object[] arguments) {
		try {
			return constructor.newInstance(arguments);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create " + constructor.getDeclaringClass().getName(), ex);
		}
	}

	private static Object proxy(Class<?> type, Function<Method, @Nullable Call> calls, AriOutboundConnection connection) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "toString" -> type.getSimpleName() + " over " + connection;
					default -> throw new UnsupportedOperationException(method.toString());
				};
			}
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			Call call = calls.apply(method);
			if (call == null) {
				throw new UnsupportedOperationException(method.toString());
			}
			return call.invoke(args, connection);
		};
		return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static Object invoke(Object target, Method method, @Nullable Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private static Context context(AriOutboundConnection connection) {
		return Context.of(CONTEXT_KEY, connection);
	}

	/** One call of a resource client method. */
	private interface Call {

		@Nullable Object invoke(@Nullable Object[] args, AriOutboundConnection connection) throws Throwable;

	}

	/** A reactive method, with the connection in the context of what it returns. */
	private record Reactive(Object shared, Method method) implements Call {

		@Override
		public @Nullable Object invoke(@Nullable Object[] args, AriOutboundConnection connection) throws Throwable {
			Object result = AriOutboundClients.invoke(this.shared, this.method, args);
			if (result instanceof Mono<?> mono) {
				return mono.contextWrite(context(connection));
			}
			if (result instanceof Flux<?> flux) {
				return flux.contextWrite(context(connection));
			}
			return result;
		}

	}

	/** A blocking method, as its reactive twin and a wait for the answer. */
	private record Blocking(Object shared, Method reactive) implements Call {

		@Override
		public @Nullable Object invoke(@Nullable Object[] args, AriOutboundConnection connection) throws Throwable {
			Object result = AriOutboundClients.invoke(this.shared, this.reactive, args);
			if (result instanceof Mono<?> mono) {
				return mono.contextWrite(context(connection)).block();
			}
			if (result instanceof Flux<?> flux) {
				return flux.contextWrite(context(connection)).collectList().block();
			}
			return result;
		}

	}

	/** Sends each request over the connection in the call's Reactor context. */
	private static final class RoutingConnector implements ClientHttpConnector {

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			return Mono.deferContextual((context) -> {
				AriOutboundConnection connection = context.getOrDefault(CONTEXT_KEY, null);
				if (connection == null) {
					return Mono.error(new IllegalStateException(
							"An outbound ARI client was called without its connection in the Reactor context"));
				}
				return connection.rest().connector().connect(method, uri, requestCallback);
			});
		}

	}

}
