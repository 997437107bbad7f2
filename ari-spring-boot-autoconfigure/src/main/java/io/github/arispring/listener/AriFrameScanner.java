package io.github.arispring.listener;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import io.github.arispring.event.AriEventKeys;
import io.github.arispring.event.AriEventTypes;

/**
 * Finds what dispatching needs in a frame (type, application, ordering keys) in one pass over
 * its bytes, without a JSON parser: the top-level object's {@code type} and
 * {@code application}, and a few fields of its {@code channel}, {@code peer}, {@code bridge},
 * {@code playback}, {@code recording} and {@code endpoint} objects. Everything else is
 * skipped by counting brackets outside strings, so no property name is decoded; so is the rest
 * of such an object once its fields are found (Asterisk writes a channel's {@code id} first).
 * Strings that are read are decoded fully (UTF-8 and JSON escapes).
 * <p>
 * The scan checks the structure only as far as it reads: a frame that passes it but is not
 * valid JSON fails when it is bound to its typed event, on a handler thread, and is reported
 * as malformed there.
 */
final class AriFrameScanner {

	/**
	 * The declared event types by length: a frame's type is one of these very strings, whose
	 * hash is known, rather than a copy made for every frame.
	 */
	private static final String[][] TYPES_BY_LENGTH = typesByLength();

	private final byte[] bytes;

	private int pos;

	private int nameStart;

	private int nameEnd;

	private @Nullable String escapedName;

	private AriFrameScanner(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * Scans a frame.
	 * @param frame the frame's bytes (UTF-8 JSON)
	 * @return the frame's header
	 * @throws AriEventReader.MalformedFrameException if the frame is not a JSON object with a
	 * {@code type}
	 */
	static AriEventReader.FrameHeader scan(byte[] frame) {
		return new AriFrameScanner(frame).header();
	}

	private AriEventReader.FrameHeader header() {
		String type = null;
		String application = null;
		String channelId = null;
		String peerId = null;
		String bridgeId = null;
		String target = null;
		String endpoint = null;
		if (next() != '{') {
			throw malformed("not a JSON object");
		}
		this.pos++;
		if (next() == '}') {
			this.pos++;
		}
		else {
			while (true) {
				name();
				if (nameIs("type")) {
					type = typeName();
				}
				else if (nameIs("application")) {
					application = string();
				}
				else if (nameIs("channel")) {
					channelId = field("id", null);
				}
				else if (nameIs("peer")) {
					peerId = field("id", null);
				}
				else if (nameIs("bridge")) {
					bridgeId = field("id", null);
				}
				else if (nameIs("playback") || nameIs("recording")) {
					target = field("target_uri", null);
				}
				else if (nameIs("endpoint")) {
					endpoint = field("technology", "resource");
				}
				else {
					skipValue();
				}
				if (!endOfMember()) {
					break;
				}
			}
		}
		if (type == null || type.isEmpty()) {
			throw malformed("no \"type\" field");
		}
		if (channelId == null) {
			channelId = ("Dial".equals(type) && peerId != null) ? peerId : AriEventKeys.targetId(target, "channel:");
		}
		if (bridgeId == null) {
			bridgeId = AriEventKeys.targetId(target, "bridge:");
		}
		return new AriEventReader.FrameHeader(type, application,
				AriEventKeys.orderingKeys(channelId, bridgeId, endpoint, application));
	}

	/** Reads a property name and its colon; see {@link #nameIs}. */
	private void name() {
		if (next() != '"') {
			throw malformed("expected a property name");
		}
		this.pos++;
		int start = this.pos;
		skipString();
		this.nameStart = start;
		this.nameEnd = this.pos - 1;
		this.escapedName = null;
		for (int i = start; i < this.nameEnd; i++) {
			if (this.bytes[i] == '\\') {
				int end = this.pos;
				this.pos = start;
				this.escapedName = rawString();
				this.pos = end;
				break;
			}
		}
		if (next() != ':') {
			throw malformed("expected ':'");
		}
		this.pos++;
	}

	/** Whether the property name last read is the given ASCII name, compared without decoding it. */
	private boolean nameIs(String name) {
		if (this.escapedName != null) {
			return this.escapedName.equals(name);
		}
		int length = this.nameEnd - this.nameStart;
		if (length != name.length()) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (this.bytes[this.nameStart + i] != name.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** After a member: {@code true} if another follows, {@code false} at the object's end. */
	private boolean endOfMember() {
		byte b = next();
		this.pos++;
		if (b == ',') {
			return true;
		}
		if (b == '}') {
			return false;
		}
		throw malformed("expected ',' or '}'");
	}

	/** A string value, or {@code null} (and the value skipped) for any other value. */
	private @Nullable String string() {
		if (next() != '"') {
			skipValue();
			return null;
		}
		this.pos++;
		return rawString();
	}

	/** The type: a string value, as {@link #string()}, but a declared type as its constant. */
	private @Nullable String typeName() {
		if (next() != '"') {
			skipValue();
			return null;
		}
		this.pos++;
		int start = this.pos;
		int end = start;
		byte b;
		while ((b = byteAt(end)) != '"') {
			if (b == '\\') {
				return rawString();
			}
			end++;
		}
		int length = end - start;
		if (length < TYPES_BY_LENGTH.length) {
			for (String candidate : TYPES_BY_LENGTH[length]) {
				if (regionIs(start, candidate)) {
					this.pos = end + 1;
					return candidate;
				}
			}
		}
		return rawString();
	}

	private boolean regionIs(int start, String ascii) {
		for (int i = 0; i < ascii.length(); i++) {
			if (this.bytes[start + i] != ascii.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static String[][] typesByLength() {
		int longest = 0;
		for (String type : AriEventTypes.BY_NAME.keySet()) {
			longest = Math.max(longest, type.length());
		}
		String[][] byLength = new String[longest + 1][0];
		for (String type : AriEventTypes.BY_NAME.keySet()) {
			String[] same = byLength[type.length()];
			same = Arrays.copyOf(same, same.length + 1);
			same[same.length - 1] = type;
			byLength[type.length()] = same;
		}
		return byLength;
	}

	/**
	 * One string field of an object value (or two, joined by a slash), skipping the rest; as
	 * {@code null} if the value is not an object.
	 */
	private @Nullable String field(String name, @Nullable String second) {
		if (next() != '{') {
			skipValue();
			return null;
		}
		this.pos++;
		String first = null;
		String other = null;
		if (next() == '}') {
			this.pos++;
		}
		else {
			while (true) {
				name();
				if (nameIs(name)) {
					first = string();
				}
				else if (second != null && nameIs(second)) {
					other = string();
				}
				else {
					skipValue();
				}
				if (first != null && (second == null || other != null)) {
					// found: the rest of the object is skipped without reading its names
					skipToClose();
					break;
				}
				if (!endOfMember()) {
					break;
				}
			}
		}
		if (second == null || first == null) {
			return first;
		}
		return first + "/" + other;
	}

	/** Skips any value: a string, an object or array with whatever it holds, or a literal. */
	private void skipValue() {
		byte b = next();
		if (b == '"') {
			this.pos++;
			skipString();
			return;
		}
		if (b == '{' || b == '[') {
			this.pos++;
			skipToClose();
			return;
		}
		int start = this.pos;
		while (this.pos < this.bytes.length && !isDelimiter(this.bytes[this.pos])) {
			this.pos++;
		}
		if (this.pos == start) {
			throw malformed("expected a value");
		}
	}

	/**
	 * Skips the rest of the object or array the parser is in, up to and including its closing
	 * bracket, by counting brackets outside strings.
	 */
	private void skipToClose() {
		byte[] bytes = this.bytes;
		int i = this.pos;
		int depth = 1;
		do {
			if (i >= bytes.length) {
				throw malformed("unexpected end of frame");
			}
			byte b = bytes[i++];
			if (b == '"') {
				this.pos = i;
				skipString();
				i = this.pos;
			}
			else if (b == '{' || b == '[') {
				depth++;
			}
			else if (b == '}' || b == ']') {
				depth--;
			}
		}
		while (depth > 0);
		this.pos = i;
	}

	/** Skips the rest of a string whose opening quote was read. */
	private void skipString() {
		byte[] bytes = this.bytes;
		int i = this.pos;
		while (i < bytes.length) {
			byte b = bytes[i++];
			if (b == '"') {
				this.pos = i;
				return;
			}
			if (b == '\\') {
				i++;
			}
		}
		throw malformed("unexpected end of frame");
	}

	/** Reads the rest of a string whose opening quote was read. */
	private String rawString() {
		int start = this.pos;
		while (true) {
			byte b = byteAt(this.pos);
			if (b == '"') {
				String value = new String(this.bytes, start, this.pos - start, StandardCharsets.UTF_8);
				this.pos++;
				return value;
			}
			if (b == '\\') {
				return escapedString(start);
			}
			this.pos++;
		}
	}

	private String escapedString(int start) {
		StringBuilder value = new StringBuilder();
		int segment = start;
		while (true) {
			byte b = byteAt(this.pos);
			if (b == '"') {
				value.append(new String(this.bytes, segment, this.pos - segment, StandardCharsets.UTF_8));
				this.pos++;
				return value.toString();
			}
			if (b != '\\') {
				this.pos++;
				continue;
			}
			value.append(new String(this.bytes, segment, this.pos - segment, StandardCharsets.UTF_8));
			byte escape = byteAt(this.pos + 1);
			this.pos += 2;
			switch (escape) {
				case '"', '\\', '/' -> value.append((char) escape);
				case 'b' -> value.append('\b');
				case 'f' -> value.append('\f');
				case 'n' -> value.append('\n');
				case 'r' -> value.append('\r');
				case 't' -> value.append('\t');
				case 'u' -> {
					int code = 0;
					for (int i = 0; i < 4; i++) {
						int digit = Character.digit(byteAt(this.pos++), 16);
						if (digit < 0) {
							throw malformed("bad \\u escape");
						}
						code = (code << 4) | digit;
					}
					value.append((char) code);
				}
				default -> throw malformed("bad escape");
			}
			segment = this.pos;
		}
	}

	/** The next byte that is not white space, not consumed. */
	private byte next() {
		while (true) {
			byte b = byteAt(this.pos);
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return b;
			}
			this.pos++;
		}
	}

	private byte byteAt(int index) {
		if (index >= this.bytes.length) {
			throw malformed("unexpected end of frame");
		}
		return this.bytes[index];
	}

	private static boolean isDelimiter(byte b) {
		return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

	private static AriEventReader.MalformedFrameException malformed(String message) {
		return new AriEventReader.MalformedFrameException(message, null);
	}

}
