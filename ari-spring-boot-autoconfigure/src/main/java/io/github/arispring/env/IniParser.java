package io.github.arispring.env;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the INI dialect of PHP's {@code parse_ini_file} as phpari uses it: {@code [section]}
 * headers, {@code key=value} pairs, whole-line and inline comments starting with {@code ;}
 * or {@code #}, and values in single or double quotes. An inline comment must follow
 * whitespace, so {@code password=abc#123} keeps its {@code #}; quote a value that has
 * {@code " ;"} or {@code " #"} in it. Keys before the first section belong to no section.
 */
final class IniParser {

	private IniParser() {
	}

	/**
	 * One {@code key=value} pair.
	 * @param section the section, or {@code ""} for keys before the first section
	 * @param key the key, trimmed
	 * @param value the value, unquoted, without comment
	 * @param line the line number, from 1
	 * @param column the column where the value starts, from 1
	 */
	record Entry(String section, String key, String value, int line, int column) {
	}

	static List<Entry> parse(Reader source, String file) throws IOException {
		List<Entry> entries = new ArrayList<>();
		String section = "";
		BufferedReader reader = new BufferedReader(source);
		int number = 0;
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			number++;
			if (number == 1 && line.startsWith("\uFEFF")) {
				line = line.substring(1);
			}
			String text = line.strip();
			if (text.isEmpty() || isComment(text, 0)) {
				continue;
			}
			if (text.startsWith("[")) {
				section = section(text, file, number);
				continue;
			}
			int equals = line.indexOf('=');
			if (equals == -1) {
				throw new InvalidIniFileException(file, number,
						"expected a [section], a key=value pair, a comment (; or #) or a blank line");
			}
			String key = line.substring(0, equals).strip();
			if (key.isEmpty()) {
				throw new InvalidIniFileException(file, number, "the key before '=' is missing");
			}
			if (key.indexOf(';') != -1 || key.indexOf('#') != -1) {
				throw new InvalidIniFileException(file, number, "a comment starts before the '=' of a key=value pair");
			}
			int start = equals + 1;
			while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
				start++;
			}
			entries.add(new Entry(section, key, value(line, start, file, number), number, start + 1));
		}
		return entries;
	}

	private static String section(String text, String file, int number) {
		int close = text.indexOf(']');
		if (close == -1) {
			throw new InvalidIniFileException(file, number, "the section header has no closing ']'");
		}
		String rest = text.substring(close + 1).strip();
		if (!rest.isEmpty() && !isComment(rest, 0)) {
			throw new InvalidIniFileException(file, number, "unexpected text after the section header");
		}
		String name = text.substring(1, close).strip();
		if (name.isEmpty()) {
			throw new InvalidIniFileException(file, number, "the section name is empty");
		}
		return name;
	}

	private static String value(String line, int start, String file, int number) {
		if (start < line.length() && (line.charAt(start) == '"' || line.charAt(start) == '\'')) {
			return quoted(line, start, file, number);
		}
		int end = line.length();
		for (int i = start; i < line.length(); i++) {
			if (isComment(line, i) && (i == start || Character.isWhitespace(line.charAt(i - 1)))) {
				end = i;
				break;
			}
		}
		return line.substring(start, end).strip();
	}

	private static String quoted(String line, int start, String file, int number) {
		char quote = line.charAt(start);
		StringBuilder value = new StringBuilder();
		int i = start + 1;
		while (i < line.length() && line.charAt(i) != quote) {
			char c = line.charAt(i);
			// Like PHP, only double quotes know escapes: \" and \\.
			if (quote == '"' && c == '\\' && i + 1 < line.length()
					&& (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
				i++;
				c = line.charAt(i);
			}
			value.append(c);
			i++;
		}
		if (i == line.length()) {
			throw new InvalidIniFileException(file, number, "the quoted value has no closing " + quote);
		}
		String rest = line.substring(i + 1).strip();
		if (!rest.isEmpty() && !isComment(rest, 0)) {
			throw new InvalidIniFileException(file, number, "unexpected text after the quoted value");
		}
		return value.toString();
	}

	private static boolean isComment(String text, int index) {
		char c = text.charAt(index);
		return c == ';' || c == '#';
	}

}
