package io.github.arispring.test.simulator;

import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.service.annotation.HttpExchange;

import io.github.arispring.client.ApplicationsApi;
import io.github.arispring.client.AsteriskApi;
import io.github.arispring.client.BridgesApi;
import io.github.arispring.client.ChannelsApi;
import io.github.arispring.client.DeviceStatesApi;
import io.github.arispring.client.EndpointsApi;
import io.github.arispring.client.EventsApi;
import io.github.arispring.client.MailboxesApi;
import io.github.arispring.client.PlaybacksApi;
import io.github.arispring.client.RecordingsApi;
import io.github.arispring.client.SoundsApi;

/**
 * Every ARI operation, read from the generated resource interfaces, so that the simulator tells
 * an operation it does not implement (501) from a resource Asterisk does not have (404) or a
 * method it does not allow (405), and names operations the way the clients do
 * ({@code channels.play}).
 */
final class AriRoutes {

	private static final List<Class<?>> RESOURCES = List.of(AsteriskApi.class, EndpointsApi.class, ChannelsApi.class,
			BridgesApi.class, RecordingsApi.class, SoundsApi.class, PlaybacksApi.class, DeviceStatesApi.class,
			MailboxesApi.class, EventsApi.class, ApplicationsApi.class);

	private static final List<String> METHOD_ORDER = List.of("GET", "POST", "PUT", "DELETE");

	private final List<Route> routes;

	private AriRoutes(List<Route> routes) {
		this.routes = routes;
	}

	static AriRoutes fromApi() {
		List<Route> routes = new ArrayList<>();
		for (Class<?> resource : RESOURCES) {
			for (Method method : resource.getMethods()) {
				HttpExchange exchange = AnnotatedElementUtils.findMergedAnnotation(method, HttpExchange.class);
				if (exchange != null && !exchange.method().isEmpty()) {
					routes.add(new Route(exchange.method(), exchange.value(), operation(resource, method)));
				}
			}
		}
		// The events WebSocket is no HTTP interface method, but it is an operation all the same.
		routes.add(new Route("GET", "/events", "events.eventWebsocket"));
		return new AriRoutes(List.copyOf(routes));
	}

	List<Route> routes() {
		return this.routes;
	}

	/**
	 * Finds the operation for a request the way Asterisk walks its path tree: a literal segment
	 * beats a path variable.
	 * @param method the HTTP method
	 * @param path the URL-encoded path below {@code /ari}, such as {@code /channels/1795836578.1/play}
	 * @return the operation and its path variables
	 * @throws AriError 404 for an unknown resource, 405 for a method it does not allow
	 */
	Match resolve(String method, String path) {
		List<String> segments = segments(path);
		List<Route> candidates = this.routes.stream().filter((route) -> route.matches(segments)).toList();
		if (candidates.isEmpty()) {
			throw AriError.notFound("Resource not found");
		}
		Route best = candidates.stream().min(Comparator.comparing(Route::specificity)).orElseThrow();
		List<Route> sameTemplate = candidates.stream()
			.filter((route) -> route.template().equals(best.template()))
			.toList();
		for (Route route : sameTemplate) {
			if (route.method().equals(method)) {
				return new Match(route, route.variables(segments));
			}
		}
		String allow = sameTemplate.stream()
			.map(Route::method)
			.distinct()
			.sorted(Comparator.comparing(METHOD_ORDER::indexOf))
			.collect(Collectors.joining(",", "OPTIONS,", ""));
		throw AriError.of(405, "Method Not Allowed", "Invalid method").withAllow(allow);
	}

	/** The decoded segments of a URL-encoded path; in a path {@code +} is a plus sign. */
	static List<String> segments(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
		}
		return segments;
	}

	private static String operation(Class<?> resource, Method method) {
		String name = resource.getSimpleName();
		name = name.substring(0, name.length() - "Api".length());
		return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "." + method.getName();
	}

	/** One operation: {@code POST /channels/{channelId}/play} is {@code channels.play}. */
	record Route(String method, String template, String operation) {

		List<String> templateSegments() {
			return segments(this.template);
		}

		boolean matches(List<String> segments) {
			List<String> own = templateSegments();
			if (own.size() != segments.size()) {
				return false;
			}
			for (int i = 0; i < own.size(); i++) {
				if (!isVariable(own.get(i)) && !own.get(i).equals(segments.get(i))) {
					return false;
				}
			}
			return true;
		}

		/** Sorts literal segments before variables, from the left. */
		String specificity() {
			return templateSegments().stream().map((segment) -> isVariable(segment) ? "1" : "0")
				.collect(Collectors.joining());
		}

		Map<String, String> variables(List<String> segments) {
			Map<String, String> variables = new LinkedHashMap<>();
			List<String> own = templateSegments();
			for (int i = 0; i < own.size(); i++) {
				if (isVariable(own.get(i))) {
					variables.put(own.get(i).substring(1, own.get(i).length() - 1), segments.get(i));
				}
			}
			return variables;
		}

		private static boolean isVariable(String segment) {
			return segment.startsWith("{") && segment.endsWith("}");
		}

	}

	record Match(Route route, Map<String, String> variables) {

		String operation() {
			return this.route.operation();
		}

		@Nullable String variable(String name) {
			return this.variables.get(name);
		}

	}

}
