package io.github.arispring.env;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

import io.github.arispring.env.IniParser.Entry;

/**
 * Loads {@code .ini} files, so that {@code spring.config.import=optional:file:phpari.ini}
 * brings a phpari configuration in unchanged. Every key is available as
 * {@code section.key} ({@code asterisk_manager.port}, {@code general.debug}); phpari's
 * {@code [asterisk_ari]} section also sets {@code ari.username}, {@code ari.password},
 * {@code ari.url} and {@code ari.applications}. Each value remembers its file and line, so
 * binding errors point at the INI file. A line that is neither a section, a
 * {@code key=value} pair, a comment nor blank fails with an {@link InvalidIniFileException}.
 */
public class IniPropertySourceLoader implements PropertySourceLoader {

	@Override
	public String[] getFileExtensions() {
		return new String[] { "ini" };
	}

	@Override
	public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
		List<Entry> entries;
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			entries = IniParser.parse(reader, displayName(resource));
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		for (Entry entry : entries) {
			String key = entry.section().isEmpty() ? entry.key() : entry.section() + "." + entry.key();
			properties.put(key, value(entry, resource));
		}
		for (Entry entry : PhpariIni.ariProperties(entries)) {
			properties.put(entry.key(), value(entry, resource));
		}
		if (properties.isEmpty()) {
			return Collections.emptyList();
		}
		return Collections.singletonList(new OriginTrackedMapPropertySource(name, properties, true));
	}

	private static String displayName(Resource resource) {
		try {
			return resource.isFile() ? resource.getFile().getAbsolutePath() : resource.getDescription();
		}
		catch (IOException ex) {
			return resource.getDescription();
		}
	}

	private static OriginTrackedValue value(Entry entry, Resource resource) {
		TextResourceOrigin.Location location = new TextResourceOrigin.Location(entry.line() - 1, entry.column() - 1);
		return OriginTrackedValue.of(entry.value(), new TextResourceOrigin(resource, location));
	}

}
