package io.github.arispring.client;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every error answer recorded from Asterisk, replayed (status, headers, exact body) to the
 * operation that received it, must become the {@link AriException} subclass for its status
 * with Asterisk's own message, from blocking and reactive clients alike.
 */
class AriExceptionTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	private static final List<Class<?>> APIS = List.of(ApplicationsApi.class, AsteriskApi.class, BridgesApi.class,
			ChannelsApi.class, DeviceStatesApi.class, EndpointsApi.class, EventsApi.class, MailboxesApi.class,
			PlaybacksApi.class, RecordingsApi.class, SoundsApi.class);

	private static final List<Operation> OPERATIONS = APIS.stream()
		.flatMap((api) -> Arrays.stream(api.getMethods()))
		.filter((method) -> !method.isDefault())
		.map(Operation::of)
		.sorted(Comparator.comparingInt((operation) -> operation.variables().size()))
		.toList();

	/** Used for answers to requests that no operation makes (wrong method, websocket, unknown resource). */
	private static final Operation FALLBACK = find("GET", "/asterisk/info").orElseThrow();

	/** Asterisk's message in the error bodies that are not JSON. */
	private static final Map<String, String> HTML_MESSAGES = Map.of("400-events-websocket-missing-app.json",
			"HTTP request is missing param: [app]");

	private static final ConversionService CONVERSION = DefaultConversionService.getSharedInstance();

	static Stream<String> errorSamples() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver()
			.getResources("classpath:ari-samples/rest/errors/*.json");
		assertThat(files).hasSizeGreaterThanOrEqualTo(63);
		return Arrays.stream(files).map(Resource::getFilename).sorted();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errorSamples")
	void errorAnswerShouldThrowFromBlockingClient(String file) {
		ErrorSample sample = ErrorSample.load(file);
		Call call = sample.replay();
		Throwable thrown = catchThrowable(() -> call.invoke(ari.client(call.operation().api())));
		sample.assertException(thrown, call.operation());
		call.assertRequestMatches(sample);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errorSamples")
	void errorAnswerShouldSignalErrorFromReactiveClient(String file) {
		ErrorSample sample = ErrorSample.load(file);
		Call call = sample.replay();
		Publisher<?> publisher = (Publisher<?>) call.invoke(ari.client(call.operation().reactiveApi()));
		StepVerifier.create(publisher)
			.expectErrorSatisfies((thrown) -> sample.assertException(thrown, call.operation()))
			.verify(Duration.ofSeconds(5));
		call.assertRequestMatches(sample);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			500-originate-invalid-endpoint.json           | channels.originate              | POST /channels
			404-endpoint-sendmessage-no-message-tech.json | endpoints.sendMessageToEndpoint | PUT /endpoints/{tech}/{resource}/sendMessage
			422-add-channel-not-in-stasis-to-bridge.json  | bridges.addChannel              | POST /bridges/{bridgeId}/addChannel
			409-update-non-stasis-device-state.json       | deviceStates.update             | PUT /deviceStates/{deviceName}
			404-getChannelVar.unset.json                  | channels.getChannelVar          | GET /channels/{channelId}/variable
			404-unload-nonexistent-module.json            | asterisk.unloadModule           | DELETE /asterisk/modules/{moduleName}
			405-patch-channels.json                       | channels.list                   | GET /channels
			400-events-websocket-missing-app.json         | asterisk.getInfo                | GET /asterisk/info
			""")
	void errorShouldNameOperationAndUriTemplate(String file, String operation, String request) {
		ErrorSample sample = ErrorSample.load(file);
		Call call = sample.replay();
		Throwable thrown = catchThrowable(() -> call.invoke(ari.client(call.operation().api())));
		assertThat(thrown).isInstanceOfSatisfying(AriException.class, (ex) -> {
			assertThat(ex.operation()).isEqualTo(operation);
			assertThat(ex.request()).isEqualTo(request);
			assertThat(ex.getMessage()).startsWith("ARI " + operation + " (" + request + ") failed with "
					+ sample.status() + " ");
		});
	}

	private static Optional<Operation> find(String method, String path) {
		return OPERATIONS.stream()
			.filter((operation) -> operation.httpMethod().equals(method) && operation.pattern().matcher(path).matches())
			.findFirst();
	}

	/** One method of a generated interface, with the URI template it calls. */
	record Operation(Method method, String httpMethod, String template, Pattern pattern, List<String> variables) {

		private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

		static Operation of(Method method) {
			HttpExchange exchange = AnnotatedElementUtils.findMergedAnnotation(method, HttpExchange.class);
			String template = exchange.value();
			return new Operation(method, exchange.method(), template,
					Pattern.compile(VARIABLE.matcher(template).replaceAll("([^/]+)")),
					VARIABLE.matcher(template).results().map((result) -> result.group(1)).toList());
		}

		Class<?> api() {
			return this.method.getDeclaringClass();
		}

		Class<?> reactiveApi() {
			try {
				return Class.forName(api().getPackageName() + ".Reactive" + api().getSimpleName());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String name() {
			String resource = api().getSimpleName().replace("Api", "");
			return Character.toLowerCase(resource.charAt(0)) + resource.substring(1) + "." + this.method.getName();
		}

	}

	/**
	 * A call of an operation with the arguments that make the recorded request: path variables
	 * from the path, query parameters (also inside parameter objects) from the query.
	 */
	record Call(Operation operation, Object[] arguments, boolean exact) {

		static Call of(String method, String path, Map<String, String> query) {
			Optional<Operation> exact = find(method, path);
			Operation operation = exact.or(() -> find("GET", path)).orElse(FALLBACK);
			Matcher matcher = operation.pattern().matcher(path);
			Map<String, String> pathVariables = new LinkedHashMap<>();
			if (matcher.matches()) {
				for (int i = 0; i < matcher.groupCount(); i++) {
					pathVariables.put(operation.variables().get(i), matcher.group(i + 1));
				}
			}
			Object[] arguments = Arrays.stream(operation.method().getParameters())
				.map((parameter) -> argument(parameter, pathVariables, query))
				.toArray();
			return new Call(operation, arguments, exact.isPresent());
		}

		private static Object argument(Parameter parameter, Map<String, String> pathVariables,
				Map<String, String> query) {
			PathVariable pathVariable = parameter.getAnnotation(PathVariable.class);
			if (pathVariable != null) {
				return pathVariables.getOrDefault(pathVariable.value(), "x");
			}
			AriQueryParam queryParam = parameter.getAnnotation(AriQueryParam.class);
			if (queryParam != null) {
				return CONVERSION.convert(query.get(queryParam.value()), parameter.getType());
			}
			if (AriParameters.class.isAssignableFrom(parameter.getType())) {
				return parameters(parameter.getType(), query);
			}
			return null;
		}

		private static Object parameters(Class<?> type, Map<String, String> query) {
			RecordComponent[] components = type.getRecordComponents();
			Object[] values = Arrays.stream(components).map((component) -> {
				AriQueryParam queryParam = component.getAnnotation(AriQueryParam.class);
				return (queryParam != null) ? CONVERSION.convert(query.get(queryParam.value()), component.getType())
						: null;
			}).toArray();
			try {
				return type.getDeclaredConstructor(Arrays.stream(components)
					.map(RecordComponent::getType)
					.toArray(Class<?>[]::new)).newInstance(values);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		Object invoke(Object client) {
			try {
				return client.getClass()
					.getMethod(this.operation.method().getName(), this.operation.method().getParameterTypes())
					.invoke(client, this.arguments);
			}
			catch (InvocationTargetException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** The client sent what Asterisk received when it gave this answer. */
		void assertRequestMatches(ErrorSample sample) {
			List<LoggedRequest> requests = ari.server().findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
			assertThat(requests).hasSize(1);
			if (this.exact) {
				LoggedRequest request = requests.get(0);
				String url = request.getUrl();
				String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
				Map<String, String> query = new LinkedHashMap<>();
				request.getQueryParams().forEach((name, value) -> query.put(name, value.firstValue()));
				assertThat(request.getMethod().getName()).isEqualTo(sample.method());
				assertThat(UriUtils.decode(path, StandardCharsets.UTF_8)).isEqualTo("/ari" + sample.path());
				assertThat(query).isEqualTo(sample.query());
			}
		}

	}

	/** A file of {@code rest/errors}: the request, and the answer Asterisk gave to it. */
	record ErrorSample(String file, String method, String path, Map<String, String> query, int status,
			Map<String, String> headers, String body, String message) {

		static ErrorSample load(String file) {
			JsonNode json = AriWireMock.sampleJson("errors/" + file);
			JsonNode request = json.get("request");
			Map<String, String> query = new LinkedHashMap<>();
			request.get("query").properties().forEach((entry) -> query.put(entry.getKey(), entry.getValue().asString()));
			Map<String, String> headers = new LinkedHashMap<>();
			json.get("headers").properties().forEach((entry) -> headers.put(entry.getKey(), entry.getValue().asString()));
			JsonNode body = json.get("body");
			// Compact JSON is what Asterisk sent (ari.conf pretty = no).
			String text = body.isString() ? body.asString() : body.toString();
			JsonNode asteriskMessage = body.has("message") ? body.get("message") : body.get("error");
			String message = (asteriskMessage != null) ? asteriskMessage.asString() : HTML_MESSAGES.get(file);
			assertThat(message).as("Asterisk's message in %s", file).isNotBlank();
			assertThat(text.getBytes(StandardCharsets.UTF_8)).as("replayed body of %s", file)
				.hasSize(Integer.parseInt(headers.get("content-length")));
			return new ErrorSample(file, request.get("method").asString(),
					request.get("path").asString().substring("/ari".length()), query, json.get("status").asInt(),
					headers, text, message);
		}

		Call replay() {
			ResponseDefinitionBuilder response = WireMock.aResponse().withStatus(this.status).withBody(this.body);
			this.headers.forEach((name, value) -> {
				if (!name.equals("content-length")) {
					response.withHeader(name, value);
				}
			});
			ari.respond(response);
			return Call.of(this.method, this.path, this.query);
		}

		Class<? extends AriException> expectedType() {
			return switch (this.status) {
				case 400 -> AriException.BadRequest.class;
				case 401 -> AriException.Unauthorized.class;
				case 403 -> AriException.Forbidden.class;
				case 404 -> AriException.NotFound.class;
				case 409 -> AriException.Conflict.class;
				case 422 -> AriException.UnprocessableEntity.class;
				default -> (this.status >= 500) ? AriException.ServerError.class : AriException.class;
			};
		}

		void assertException(Throwable thrown, Operation operation) {
			assertThat(thrown).isExactlyInstanceOf(expectedType());
			AriException ex = (AriException) thrown;
			assertThat(ex.statusCode()).isEqualTo(this.status);
			assertThat(ex.operation()).isEqualTo(operation.name());
			assertThat(ex.request()).isEqualTo(operation.httpMethod() + " " + operation.template());
			assertThat(ex.asteriskMessage()).isEqualTo(this.message);
			assertThat(ex.responseBody()).isEqualTo(this.body);
			assertThat(ex.getMessage()).contains(operation.name(), " " + this.status + " ", this.message);
			assertThat(ex.getMessage() + ex).doesNotContain(AriWireMock.PASSWORD);
			if (this.status == 401) {
				assertThat(ex.getMessage()).contains("user '" + AriWireMock.USERNAME + "'", "ari.password");
			}
		}

	}

}
