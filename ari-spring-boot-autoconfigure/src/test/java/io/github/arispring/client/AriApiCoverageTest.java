package io.github.arispring.client;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.HttpExchange;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;

import io.github.arispring.autoconfigure.AriProperties;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventTypes;
import io.github.arispring.event.UnknownEvent;
import io.github.arispring.model.ConfigTuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the generated clients, models and events against Asterisk's API declarations: every
 * operation has a blocking and a reactive method with its exact path and HTTP method and every
 * parameter bound, and every declared model has its type. The declarations are not part of the
 * repository: they are read from {@code shared/ari-api/23.4.1} beside it, or from
 * {@code ARI_API_DIR}, and the test is skipped without them.
 */
class AriApiCoverageTest {

	private static final String DECLARATIONS = "shared/ari-api/23.4.1";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** The events WebSocket's parameters, which are the listener's properties. */
	private static final Map<String, String> WEBSOCKET_PROPERTIES = Map.of("app", "applications", "subscribeAll",
			"subscribeAll");

	private static final Map<String, JsonNode> declarations = new LinkedHashMap<>();

	@BeforeAll
	static void readDeclarations() throws IOException {
		Path dir = declarationsDir();
		if (!Files.isRegularFile(dir.resolve("resources.json"))) {
			return;
		}
		for (JsonNode api : MAPPER.readTree(dir.resolve("resources.json").toFile()).path("apis")) {
			String path = api.path("path").asString();
			String name = path.substring(path.lastIndexOf('/') + 1, path.indexOf(".{format}"));
			declarations.put(name, MAPPER.readTree(dir.resolve("api-docs/" + name + ".json").toFile()));
		}
	}

	@BeforeEach
	void skipWithoutDeclarations() {
		assumeTrue(!declarations.isEmpty(), () -> "ARI API declarations not found at " + declarationsDir()
				+ "; the coverage check runs where ../shared/ari-api exists, as in CI");
	}

	/**
	 * The folder holding {@code resources.json}: {@code ARI_API_DIR} (system property or
	 * environment), else the nearest {@code shared/ari-api/23.4.1} above the working directory.
	 */
	static Path declarationsDir() {
		String configured = System.getProperty("ARI_API_DIR", System.getenv("ARI_API_DIR"));
		if (configured != null) {
			return Path.of(configured).toAbsolutePath();
		}
		Path dir = Path.of("").toAbsolutePath();
		while (dir.getParent() != null && !Files.isDirectory(dir.resolve(DECLARATIONS))) {
			dir = dir.getParent();
		}
		return dir.resolve(DECLARATIONS);
	}

	@Test
	void everyOperationHasABlockingAndAReactiveMethodBindingEveryParameter() {
		List<String> checked = new ArrayList<>();
		List<JsonNode> websockets = new ArrayList<>();
		declarations.forEach((resource, declaration) -> {
			for (JsonNode api : declaration.path("apis")) {
				for (JsonNode operation : api.path("operations")) {
					if (operation.has("upgrade")) {
						websockets.add(operation);
						continue;
					}
					for (boolean reactive : new boolean[] { false, true }) {
						Class<?> type = apiType(resource, reactive);
						assertOperation(type, api.path("path").asString(), operation, reactive);
						checked.add(type.getSimpleName() + "." + camelCase(operation.path("nickname").asString()));
					}
				}
			}
		});
		assertThat(checked).doesNotHaveDuplicates().hasSize(2 * 108);
		assertThat(checked.size() / 2 + websockets.size()).as("operations declared").isEqualTo(109);
		assertThat(websockets).singleElement()
			.satisfies((operation) -> assertThat(operation.path("nickname").asString()).isEqualTo("eventWebsocket"));
		List<String> exchangeMethods = new ArrayList<>();
		for (String resource : declarations.keySet()) {
			for (boolean reactive : new boolean[] { false, true }) {
				Class<?> type = apiType(resource, reactive);
				assertThat(AnnotatedElementUtils.findMergedAnnotation(type, HttpExchange.class).url())
					.as("type-level path of %s", type.getSimpleName())
					.isEmpty();
				Arrays.stream(type.getDeclaredMethods())
					.filter((method) -> AnnotatedElementUtils.hasAnnotation(method, HttpExchange.class))
					.forEach((method) -> exchangeMethods.add(type.getSimpleName() + "." + method.getName()));
			}
		}
		assertThat(exchangeMethods).as("exchange methods of the generated interfaces")
			.containsExactlyInAnyOrderElementsOf(checked);
	}

	@Test
	void eventWebsocketParametersAreListenerProperties() {
		JsonNode websocket = operations().stream()
			.filter((operation) -> operation.has("upgrade"))
			.findFirst()
			.orElseThrow();
		assertThat(websocket.path("upgrade").asString()).isEqualTo("websocket");
		List<String> parameters = websocket.path("parameters").valueStream().map((p) -> p.path("name").asString()).toList();
		assertThat(parameters).containsExactlyInAnyOrderElementsOf(WEBSOCKET_PROPERTIES.keySet());
		assertThat(BeanUtils.getPropertyDescriptor(AriProperties.class, WEBSOCKET_PROPERTIES.get("app")))
			.satisfies((property) -> assertThat(property.getReadMethod().getGenericReturnType().getTypeName())
				.isEqualTo("java.util.List<java.lang.String>"));
		assertThat(BeanUtils.getPropertyDescriptor(AriProperties.class, WEBSOCKET_PROPERTIES.get("subscribeAll")))
			.satisfies((property) -> assertThat(property.getPropertyType()).isEqualTo(boolean.class));
	}

	@Test
	void everyDeclaredModelHasAGeneratedTypeWithItsProperties() {
		Map<String, JsonNode> models = new LinkedHashMap<>();
		declarations.values().forEach((declaration) -> declaration.path("models").properties()
			.forEach((model) -> assertThat(models.put(model.getKey(), model.getValue())).isNull()));
		assertThat(models).hasSize(85);
		Set<String> records = new TreeSet<>();
		for (String name : models.keySet()) {
			if (name.equals("Message") || name.equals("Event")) {
				assertThat(AriEvent.class.isSealed()).isTrue();
				continue;
			}
			Class<?> type = generatedType(name);
			assertThat(type.isRecord()).as("%s is a record", type.getName()).isTrue();
			assertThat(jsonProperties(type)).as("properties of %s", name).containsExactlyInAnyOrderElementsOf(
					declaredProperties(name, models));
			records.add(type.getName());
		}
		assertThat(records).hasSize(83);
		Set<String> generated = new TreeSet<>(records(AriEvent.class.getPackageName()));
		generated.addAll(records(ConfigTuple.class.getPackageName()));
		generated.remove(UnknownEvent.class.getName());
		assertThat(generated).as("records in model/ and event/").isEqualTo(records);
	}

	@Test
	void everyConcreteMessageTypeIsAnEventType() {
		JsonNode events = declarations.get("events").path("models");
		Set<String> names = new TreeSet<>();
		List<String> pending = new ArrayList<>(List.of("Message"));
		while (!pending.isEmpty()) {
			String name = pending.remove(0);
			events.path(name).path("subTypes").forEach((sub) -> pending.add(sub.asString()));
			names.add(name);
		}
		names.removeAll(Set.of("Message", "Event"));
		assertThat(names).hasSize(46);
		assertThat(AriEventTypes.BY_NAME.keySet()).containsExactlyInAnyOrderElementsOf(names);
		assertThat(AriEvent.class.getAnnotation(JsonSubTypes.class).value()).extracting(JsonSubTypes.Type::name)
			.containsExactlyInAnyOrderElementsOf(names);
		assertThat(AriEvent.class.getPermittedSubclasses()).contains(UnknownEvent.class);
	}

	private static void assertOperation(Class<?> type, String path, JsonNode operation, boolean reactive) {
		String name = camelCase(operation.path("nickname").asString());
		String where = type.getSimpleName() + "." + name;
		List<Method> exchanges = Arrays.stream(type.getDeclaredMethods())
			.filter((method) -> method.getName().equals(name))
			.filter((method) -> AnnotatedElementUtils.hasAnnotation(method, HttpExchange.class))
			.toList();
		assertThat(exchanges).as("exchange methods %s", where).hasSize(1);
		Method method = exchanges.get(0);
		HttpExchange exchange = AnnotatedElementUtils.findMergedAnnotation(method, HttpExchange.class);
		assertThat(exchange.method()).as("HTTP method of %s", where).isEqualTo(operation.path("httpMethod").asString());
		assertThat(exchange.url()).as("path of %s", where).isEqualTo(path);
		assertThat(method.getGenericReturnType().getTypeName()).as("return type of %s", where)
			.isEqualTo(returnType(operation.path("responseClass").asString(), reactive));

		Map<String, Binding> bound = bindings(method, where);
		Map<String, JsonNode> declared = new LinkedHashMap<>();
		operation.path("parameters").forEach((p) -> declared.put(key(p.path("paramType").asString(), p.path("name").asString()), p));
		assertThat(bound.keySet()).as("parameters bound by %s", where).containsExactlyInAnyOrderElementsOf(declared.keySet());
		declared.forEach((key, parameter) -> {
			Binding binding = bound.get(key);
			boolean required = parameter.path("paramType").asString().equals("path")
					|| parameter.path("required").asBoolean(false);
			if (required) {
				assertThat(binding.positional()).as("required %s of %s is a method parameter", key, where).isTrue();
			}
			assertThat(binding.type().getTypeName()).as("type of %s of %s", key, where).isEqualTo(parameterType(parameter));
			assertThat(binding.wholeBody()).as("%s of %s is the whole body", key, where)
				.isEqualTo(parameter.path("dataType").asString().equals("object"));
		});

		long requiredCount = declared.values().stream()
			.filter((p) -> p.path("paramType").asString().equals("path") || p.path("required").asBoolean(false))
			.count();
		List<Method> overloads = Arrays.stream(type.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(name) && !candidate.equals(method))
			.toList();
		if (requiredCount < method.getParameterCount()) {
			assertThat(overloads).as("overload of %s with the required parameters", where).singleElement()
				.satisfies((overload) -> {
					assertThat(overload.isDefault()).isTrue();
					assertThat(overload.getParameterCount()).isEqualTo(requiredCount);
				});
		}
		else {
			assertThat(overloads).as("overloads of %s", where).isEmpty();
		}
	}

	/** Bindings by {@code kind:name}, from the method's parameters and its parameter record. */
	private static Map<String, Binding> bindings(Method method, String where) {
		Map<String, Binding> bound = new LinkedHashMap<>();
		for (Parameter parameter : method.getParameters()) {
			if (AriParameters.class.isAssignableFrom(parameter.getType())) {
				assertThat(parameter.getType().isRecord()).as("%s of %s is a record", parameter.getType(), where).isTrue();
				for (RecordComponent component : parameter.getType().getRecordComponents()) {
					Binding binding = binding(component.getAnnotation(PathVariable.class),
							component.getAnnotation(AriQueryParam.class), component.getAnnotation(AriBodyParam.class),
							component.getGenericType(), false);
					assertThat(binding).as("binding of %s in %s", component.getName(), parameter.getType()).isNotNull();
					assertThat(binding.kind()).as("kind of %s in %s", component.getName(), parameter.getType())
						.isNotEqualTo("path");
					assertThat(bound.put(binding.key(), binding)).as("%s bound twice in %s", binding.key(), where).isNull();
				}
				continue;
			}
			Binding binding = binding(parameter.getAnnotation(PathVariable.class),
					parameter.getAnnotation(AriQueryParam.class), parameter.getAnnotation(AriBodyParam.class),
					parameter.getParameterizedType(), true);
			assertThat(binding).as("binding of parameter %s of %s", parameter.getName(), where).isNotNull();
			assertThat(bound.put(binding.key(), binding)).as("%s bound twice in %s", binding.key(), where).isNull();
		}
		return bound;
	}

	private static Binding binding(PathVariable path, AriQueryParam query, AriBodyParam body, Type type,
			boolean positional) {
		if (path != null) {
			return new Binding("path", path.name().isEmpty() ? path.value() : path.name(), type, positional, false);
		}
		if (query != null) {
			return new Binding("query", query.value(), type, positional, false);
		}
		if (body != null) {
			return new Binding("body", body.value(), type, positional, body.wholeBody());
		}
		return null;
	}

	private static String key(String kind, String name) {
		return kind + ":" + name;
	}

	private static String parameterType(JsonNode parameter) {
		String dataType = parameter.path("dataType").asString();
		if (parameter.path("paramType").asString().equals("body")) {
			return parameter.path("name").asString().equals("fields")
					? "java.util.List<" + ConfigTuple.class.getName() + ">" : "java.util.Map<java.lang.String, java.lang.Object>";
		}
		String type = switch (dataType) {
			case "string" -> "java.lang.String";
			case "int" -> "java.lang.Integer";
			case "long" -> "java.lang.Long";
			case "boolean" -> "java.lang.Boolean";
			default -> throw new IllegalStateException("Undeclared parameter data type " + dataType);
		};
		return parameter.path("allowMultiple").asBoolean(false) ? "java.util.List<" + type + ">" : type;
	}

	private static String returnType(String responseClass, boolean reactive) {
		if (responseClass.startsWith("List[")) {
			String element = generatedType(responseClass.substring(5, responseClass.length() - 1)).getName();
			return (reactive ? Flux.class.getName() : List.class.getName()) + "<" + element + ">";
		}
		String type = switch (responseClass) {
			case "void" -> reactive ? "java.lang.Void" : "void";
			case "binary" -> "byte[]";
			default -> generatedType(responseClass).getName();
		};
		return reactive ? Mono.class.getName() + "<" + type + ">" : type;
	}

	/** Declared property names of a model; events add what they inherit from Message and Event. */
	private static Set<String> declaredProperties(String name, Map<String, JsonNode> models) {
		Set<String> properties = new LinkedHashSet<>();
		for (Map.Entry<String, JsonNode> model : models.entrySet()) {
			boolean parent = model.getValue().path("subTypes").valueStream().anyMatch((sub) -> sub.asString().equals(name));
			if (parent) {
				properties.addAll(declaredProperties(model.getKey(), models));
			}
		}
		properties.addAll(models.get(name).path("properties").propertyNames());
		return properties;
	}

	private static List<String> jsonProperties(Class<?> type) {
		List<String> names = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
			if (property != null) {
				names.add(property.value());
				if (component.getType() == OffsetDateTime.class) {
					assertThat(component.getAccessor().getAnnotation(JsonDeserialize.class))
						.as("date deserializer of %s.%s", type.getSimpleName(), component.getName())
						.isNotNull();
				}
			}
			else {
				assertThat(component.getName()).as("unannotated component of %s", type.getSimpleName())
					.isEqualTo("additionalProperties");
			}
		}
		return names;
	}

	private static Class<?> generatedType(String model) {
		List<Class<?>> types = new ArrayList<>();
		for (String pkg : List.of(ConfigTuple.class.getPackageName(), AriEvent.class.getPackageName())) {
			if (ClassUtils.isPresent(pkg + "." + model, AriApiCoverageTest.class.getClassLoader())) {
				types.add(ClassUtils.resolveClassName(pkg + "." + model, AriApiCoverageTest.class.getClassLoader()));
			}
		}
		assertThat(types).as("generated types named %s", model).hasSize(1);
		return types.get(0);
	}

	private static Set<String> records(String pkg) {
		Set<String> names = new TreeSet<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:" + pkg.replace('.', '/') + "/*.class")) {
				String file = resource.getFilename();
				Class<?> type = ClassUtils.resolveClassName(pkg + "." + file.substring(0, file.length() - 6),
						AriApiCoverageTest.class.getClassLoader());
				if (type.isRecord() && Modifier.isPublic(type.getModifiers())) {
					names.add(type.getName());
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return names;
	}

	private static List<JsonNode> operations() {
		List<JsonNode> operations = new ArrayList<>();
		declarations.values()
			.forEach((declaration) -> declaration.path("apis")
				.forEach((api) -> api.path("operations").forEach(operations::add)));
		return operations;
	}

	private static Class<?> apiType(String resource, boolean reactive) {
		String name = (reactive ? "Reactive" : "") + Character.toUpperCase(resource.charAt(0)) + resource.substring(1) + "Api";
		return ClassUtils.resolveClassName(AriClient.class.getPackageName() + "." + name,
				AriApiCoverageTest.class.getClassLoader());
	}

	/** {@code transfer_progress} is {@code transferProgress}. */
	private static String camelCase(String nickname) {
		StringBuilder name = new StringBuilder();
		for (String part : nickname.split("_")) {
			name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return name.toString();
	}

	private record Binding(String kind, String name, Type type, boolean positional, boolean wholeBody) {

		String key() {
			return AriApiCoverageTest.key(this.kind, this.name);
		}

	}

}
