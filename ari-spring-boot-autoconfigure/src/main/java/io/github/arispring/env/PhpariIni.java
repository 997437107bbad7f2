package io.github.arispring.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.arispring.env.IniParser.Entry;

/**
 * Maps phpari's {@code [asterisk_ari]} section onto {@code ari.*} properties: username and
 * password as they are, host, port, endpoint and transport ({@code ws} or {@code wss}) to
 * {@code ari.url}, and {@code application} or {@code applications} (comma-separated; phpari
 * takes the name in its constructor) to {@code ari.applications}.
 */
final class PhpariIni {

	static final String SECTION = "asterisk_ari";

	private static final String DEFAULT_ENDPOINT = "/ari";

	private PhpariIni() {
	}

	/**
	 * The {@code ari.*} properties that the file's {@code [asterisk_ari]} section defines.
	 * @param entries every entry of the file
	 * @return the properties as entries of no section, each with the line it comes from
	 */
	static List<Entry> ariProperties(List<Entry> entries) {
		Map<String, Entry> settings = new LinkedHashMap<>();
		for (Entry entry : entries) {
			if (entry.section().equalsIgnoreCase(SECTION)) {
				settings.put(entry.key().toLowerCase(Locale.ROOT), entry);
			}
		}
		List<Entry> properties = new ArrayList<>();
		copy(settings.get("username"), "ari.username", properties);
		copy(settings.get("password"), "ari.password", properties);
		Entry host = settings.get("host");
		if (host != null && !host.value().isBlank()) {
			properties.add(derived(host, "ari.url", url(host.value(), settings.get("port"),
					settings.get("endpoint"), settings.get("transport"))));
		}
		applications(settings.get("application"), settings.get("applications"), properties);
		return properties;
	}

	private static void copy(@Nullable Entry entry, String name, List<Entry> properties) {
		if (entry != null) {
			properties.add(derived(entry, name, entry.value()));
		}
	}

	private static String url(String host, @Nullable Entry port, @Nullable Entry endpoint,
			@Nullable Entry transport) {
		boolean secure = transport != null && (transport.value().equalsIgnoreCase("wss")
				|| transport.value().equalsIgnoreCase("https"));
		String address = host.strip();
		if (address.indexOf(':') != -1 && !address.startsWith("[")) {
			address = "[" + address + "]";
		}
		StringBuilder url = new StringBuilder((secure) ? "https://" : "http://").append(address);
		if (port != null && !port.value().isBlank()) {
			url.append(':').append(port.value().strip());
		}
		String path = (endpoint != null && !endpoint.value().isBlank()) ? endpoint.value().strip() : DEFAULT_ENDPOINT;
		if (!path.startsWith("/")) {
			url.append('/');
		}
		return url.append(path).toString();
	}

	private static void applications(@Nullable Entry application, @Nullable Entry applications,
			List<Entry> properties) {
		Set<String> names = new LinkedHashSet<>();
		names(application, names);
		names(applications, names);
		Entry origin = (application != null) ? application : applications;
		int index = 0;
		for (String name : names) {
			properties.add(derived(origin, "ari.applications[" + index++ + "]", name));
		}
	}

	private static void names(@Nullable Entry entry, Set<String> names) {
		if (entry != null) {
			for (String name : entry.value().split(",")) {
				if (!name.isBlank()) {
					names.add(name.strip());
				}
			}
		}
	}

	private static Entry derived(Entry source, String name, String value) {
		return new Entry("", name, value, source.line(), source.column());
	}

}
