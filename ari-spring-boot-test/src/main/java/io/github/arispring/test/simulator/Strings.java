package io.github.arispring.test.simulator;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The small text helpers the simulator's parts share.
 */
final class Strings {

	private Strings() {
	}

	/** The non-blank, stripped parts of a comma-separated value; none for {@code null}. */
	static List<String> csv(@Nullable String value) {
		List<String> values = new ArrayList<>();
		if (value != null) {
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					values.add(part.strip());
				}
			}
		}
		return values;
	}

	static boolean isEmpty(@Nullable String value) {
		return value == null || value.isEmpty();
	}

	static String orDefault(@Nullable String value, String fallback) {
		return isEmpty(value) ? fallback : value;
	}

	static String before(String value, char separator) {
		int index = value.indexOf(separator);
		return (index >= 0) ? value.substring(0, index) : value;
	}

	static String after(String value, char separator, String fallback) {
		int index = value.indexOf(separator);
		return (index >= 0 && index < value.length() - 1) ? value.substring(index + 1) : fallback;
	}

}
