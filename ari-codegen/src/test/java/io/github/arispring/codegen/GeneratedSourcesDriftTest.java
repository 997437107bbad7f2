package io.github.arispring.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The committed generated sources are what the generator makes from the ARI 23.4.1 API
 * declarations. Those are not in the repository: they are read from
 * {@code ../shared/ari-api/23.4.1} beside the project, as the generator does by default, or
 * from {@code ARI_API_DIR} (a folder named {@code 23.4.1}: the generated headers name the
 * version after it), and the test is skipped without them.
 */
class GeneratedSourcesDriftTest {

	@Test
	void committedSourcesMatchTheGenerator() throws IOException {
		String configured = System.getProperty("ARI_API_DIR", System.getenv("ARI_API_DIR"));
		Path declarations = (configured != null) ? Path.of(configured).toAbsolutePath()
				: AriCodeGenerator.projectRoot().resolve("../shared/ari-api/23.4.1").normalize();
		assumeTrue(Files.isRegularFile(declarations.resolve("resources.json")), () -> "ARI API declarations not found at "
				+ declarations + "; the drift check runs where ../shared/ari-api exists, as in CI");
		Path sources = AriCodeGenerator.projectRoot().resolve("ari-spring-boot-autoconfigure/src/main/java");
		assertThat(sources).isDirectory();

		Map<String, String> generated = new AriCodeGenerator().generate(declarations);
		assertThat(generated).isNotEmpty();
		List<String> drift = new ArrayList<>();
		for (Map.Entry<String, String> file : generated.entrySet()) {
			Path committed = sources.resolve(file.getKey());
			if (!Files.isRegularFile(committed)) {
				drift.add("missing: " + file.getKey());
			}
			else if (!read(committed).equals(file.getValue())) {
				drift.add("differs: " + file.getKey());
			}
		}
		try (Stream<Path> files = Files.walk(sources)) {
			files.filter(Files::isRegularFile)
				.filter(AriCodeGenerator::isGenerated)
				.map((file) -> sources.relativize(file).toString().replace('\\', '/'))
				.filter((path) -> !generated.containsKey(path))
				.sorted()
				.forEach((path) -> drift.add("extra (no longer generated): " + path));
		}
		if (!drift.isEmpty()) {
			fail(drift.size() + " generated file(s) under " + sources + " are out of date with " + declarations
					+ ":\n  " + String.join("\n  ", drift) + "\nRegenerate from the project root with: "
					+ AriCodeGenerator.REGENERATE);
		}
	}

	/** The committed text, with line endings as the generator writes them whatever the checkout did. */
	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
	}

}
