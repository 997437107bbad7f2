package io.github.arispring.model;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.service.annotation.HttpExchange;

import io.github.arispring.AriSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every successful JSON body Asterisk returned in the REST samples reads into the type the
 * generated client declares for its operation, and writes back unchanged.
 */
class RestSamplesTests {

	private static final String INDEX = "rest/index.jsonl";

	static Stream<String> jsonBodies() {
		return AriSamples.lines(INDEX)
			.stream()
			.map(AriSamples.MAPPER::readTree)
			.filter((entry) -> entry.path("status").asInt() / 100 == 2)
			.filter((entry) -> entry.path("content_type").asString().equals("application/json"))
			.map((entry) -> entry.path("file").asString());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jsonBodies")
	void bodyReadsIntoTheOperationsReturnTypeWithNothingLost(String file) {
		JsonNode request = indexEntry(file);
		Method operation = operation(file);
		HttpExchange exchange = AnnotatedElementUtils.findMergedAnnotation(operation, HttpExchange.class);
		assertThat(exchange.method()).as("HTTP method of %s", operation).isEqualTo(request.path("method").asString());
		String json = AriSamples.read("rest/" + file);
		Type type = operation.getGenericReturnType();
		Object value = AriSamples.MAPPER.readValue(json, AriSamples.MAPPER.constructType(type));
		Class<?> model = elementType(type);
		assertThat(model.getPackageName()).isEqualTo(getClass().getPackageName());
		if (value instanceof List<?> list) {
			assertThat(list).allSatisfy((element) -> assertThat(element).isExactlyInstanceOf(model));
		}
		else {
			assertThat(value).isExactlyInstanceOf(model);
		}
		AriSamples.assertNothingLost(json, value);
	}

	@Test
	void everyJsonFileUnderRestOutsideErrorsIsASuccessfulBody() {
		List<String> files = AriSamples.list("rest/**/*.json")
			.stream()
			.map((path) -> path.substring("rest/".length()))
			.filter((path) -> !path.startsWith("errors/"))
			.toList();
		assertThat(files).hasSize(55).containsExactlyInAnyOrderElementsOf(jsonBodies().toList());
	}

	@Test
	void fullSoundsListReadsWithNothingLost() {
		String json = AriSamples.read("rest/sounds/list.full.json");
		List<Sound> sounds = Arrays.asList(AriSamples.MAPPER.readValue(json, Sound[].class));
		assertThat(sounds).hasSizeGreaterThan(20);
		assertThat(sounds).allSatisfy((sound) -> assertThat(sound.formats()).isNotEmpty());
		AriSamples.assertNothingLost(json, sounds);
	}

	@Test
	void unsetGlobalVariableIsAnEmptyValue() {
		Variable variable = AriSamples.MAPPER.readValue(AriSamples.read("rest/asterisk/getGlobalVar.unset.json"),
				Variable.class);
		assertThat(variable.value()).isEmpty();
		assertThat(variable.additionalProperties()).isEmpty();
	}

	@Test
	void unknownFieldOfANestedModelIsKeptAndWrittenBack() {
		JsonNode tree = AriSamples.MAPPER.readTree(AriSamples.read("rest/channels/get.json"));
		((ObjectNode) tree.get("dialplan")).put("future_field", 7);
		String json = tree.toString();
		Channel channel = AriSamples.MAPPER.readValue(json, Channel.class);
		assertThat(channel.dialplan().additionalProperties()).containsExactly(Map.entry("future_field", 7));
		assertThat(AriSamples.writtenTree(channel)).isEqualTo(tree);
	}

	private static JsonNode indexEntry(String file) {
		return AriSamples.lines(INDEX)
			.stream()
			.map(AriSamples.MAPPER::readTree)
			.filter((entry) -> entry.path("file").asString().equals(file))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The generated operation a sample was produced by: files are named
	 * {@code <resource>/<nickname>[.<variant>].json}.
	 */
	private static Method operation(String file) {
		String resource = file.substring(0, file.indexOf('/'));
		String name = file.substring(resource.length() + 1);
		String nickname = name.substring(0, name.indexOf('.'));
		Class<?> api = ClassUtils.resolveClassName("io.github.arispring.client." + Character.toUpperCase(
				resource.charAt(0)) + resource.substring(1) + "Api", RestSamplesTests.class.getClassLoader());
		List<Method> operations = Arrays.stream(api.getMethods())
			.filter((method) -> method.getName().equals(nickname))
			.filter((method) -> AnnotatedElementUtils.hasAnnotation(method, HttpExchange.class))
			.toList();
		assertThat(operations).as("exchange methods named %s in %s", nickname, api.getSimpleName()).hasSize(1);
		return operations.get(0);
	}

	private static Class<?> elementType(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			assertThat(parameterized.getRawType()).isEqualTo(List.class);
			return (Class<?>) parameterized.getActualTypeArguments()[0];
		}
		return (Class<?>) type;
	}

}
