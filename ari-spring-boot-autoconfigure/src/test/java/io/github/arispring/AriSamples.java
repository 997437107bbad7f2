package io.github.arispring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ARI samples captured from a real Asterisk (test resources under {@code ari-samples/}), and
 * the check that a sample survives reading into its generated type and writing back.
 */
public final class AriSamples {

	/** A plain Jackson 3 mapper, as a user would build one. */
	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String ROOT = "ari-samples/";

	private static final PathMatchingResourcePatternResolver RESOLVER = new PathMatchingResourcePatternResolver();

	private AriSamples() {
	}

	/**
	 * The samples matching a pattern, sorted by name.
	 * @param pattern an Ant-style pattern under {@code ari-samples/}, such as {@code events/*.json}
	 * @return the paths under {@code ari-samples/}
	 */
	public static List<String> list(String pattern) {
		try {
			String base = RESOLVER.getResource("classpath:" + ROOT).getURL().toString();
			return Arrays.stream(RESOLVER.getResources("classpath:" + ROOT + pattern))
				.filter(Resource::isReadable)
				.map((resource) -> url(resource).substring(base.length()))
				.sorted(Comparator.naturalOrder())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The text of a sample.
	 * @param path the path under {@code ari-samples/}
	 * @return the text
	 */
	public static String read(String path) {
		try (InputStream in = RESOLVER.getResource("classpath:" + ROOT + path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The lines of a {@code .jsonl} sample that are not blank.
	 * @param path the path under {@code ari-samples/}
	 * @return the lines
	 */
	public static List<String> lines(String path) {
		return read(path).lines().filter((line) -> !line.isBlank()).toList();
	}

	/**
	 * Asserts that nothing of the original JSON was lost: no object in the value's graph holds
	 * properties its type does not declare, and writing the value gives back the same tree.
	 * @param json the original JSON text
	 * @param value what it was read into
	 */
	public static void assertNothingLost(String json, Object value) {
		List<String> unknown = new ArrayList<>();
		collectAdditionalProperties(value, "$", unknown);
		assertThat(unknown).as("properties the generated types do not declare").isEmpty();
		assertThat(writtenTree(value)).as("the tree written back").isEqualTo(MAPPER.readTree(json));
	}

	/**
	 * The tree of the JSON text a value is written as. Read back from text, so that a {@code long}
	 * component holding 1 compares equal to the 1 Asterisk sent.
	 * @param value the value
	 * @return the tree
	 */
	public static JsonNode writtenTree(Object value) {
		return MAPPER.readTree(MAPPER.writeValueAsString(value));
	}

	/**
	 * Collects, for every record in an object graph, the properties it holds in
	 * {@code additionalProperties()}.
	 * @param value the root of the graph
	 * @param path the JSON path of the root
	 * @param found where to add {@code path.name} of each additional property
	 */
	public static void collectAdditionalProperties(Object value, String path, List<String> found) {
		if (value instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				collectAdditionalProperties(element, path + "[" + i++ + "]", found);
			}
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> collectAdditionalProperties(element, path + "." + key, found));
		}
		else if (value != null && value.getClass().isRecord()) {
			for (RecordComponent component : value.getClass().getRecordComponents()) {
				Object element = ReflectionUtils.invokeMethod(component.getAccessor(), value);
				if (component.getName().equals("additionalProperties")) {
					((Map<?, ?>) element).keySet().forEach((key) -> found.add(path + "." + key));
				}
				else {
					collectAdditionalProperties(element, path + "." + component.getName(), found);
				}
			}
		}
	}

	private static String url(Resource resource) {
		try {
			return resource.getURL().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
