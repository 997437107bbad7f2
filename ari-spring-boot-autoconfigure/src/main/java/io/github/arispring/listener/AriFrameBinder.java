package io.github.arispring.listener;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import io.github.arispring.model.AriDateTime;

/**
 * Binds a frame to its event record straight from its bytes, for the frames that need nothing
 * of Jackson's leniency: properties of the declared JSON types (strings for strings, integers
 * for integers, and so on), ASCII property names, strings that are well-formed UTF-8 without
 * escapes or ASCII with escapes, and nothing after the object. Values bind as Jackson's binding of the same records binds them
 * (additional properties too, in the order it gives them, with numbers as Integer, Long,
 * BigInteger or Double). Whatever else a frame holds, valid or not, makes {@link #bind}
 * return {@code null}, and the frame is bound by Jackson, which decides exactly as before.
 */
final class AriFrameBinder {

	private static final String PACKAGE = "io.github.arispring.";

	/**
	 * Well below Jackson's limits (nesting 500, numbers of 1000 characters, names of 50,000):
	 * deeper nesting, longer numbers or names are left to Jackson, which applies them.
	 */
	private static final int MAX_DEPTH = 100;

	private static final int MAX_NUMBER_LENGTH = 100;

	private static final int MAX_NAME_LENGTH = 1000;

	/** How the records bind, made once per record type; {@code null} for a type left to Jackson. */
	private static final ClassValue<@Nullable Shape> SHAPES = new ClassValue<>() {

		@Override
		protected @Nullable Shape computeValue(Class<?> type) {
			// a record that holds itself, directly or not, is left to Jackson
			java.util.Set<Class<?>> making = MAKING.get();
			if (!making.add(type)) {
				return null;
			}
			try {
				return Shape.of(type);
			}
			finally {
				making.remove(type);
			}
		}

	};

	private static final ThreadLocal<java.util.Set<Class<?>>> MAKING = ThreadLocal.withInitial(java.util.HashSet::new);

	/** Leaves the frame to Jackson; thrown without a stack trace. */
	private static final RuntimeException FALLBACK = new RuntimeException("left to Jackson", null, false, false) {

		private static final long serialVersionUID = 1L;

	};

	private final byte[] bytes;

	private int pos;

	/** Where the property name last read ends. */
	private int nameEnd;

	/** Objects and arrays open around the value being read. */
	private int depth;

	private AriFrameBinder(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * Binds a frame to a record type.
	 * @param frame the frame
	 * @param type the record type
	 * @return the record, or {@code null} to leave the frame to Jackson
	 */
	static @Nullable Object bind(byte[] frame, Class<?> type) {
		Shape shape = SHAPES.get(type);
		if (shape == null) {
			return null;
		}
		AriFrameBinder binder = new AriFrameBinder(frame);
		try {
			if (binder.next() != '{') {
				return null;
			}
			Object record = binder.record(shape);
			binder.skipWhitespace();
			return (binder.pos == frame.length) ? record : null;
		}
		catch (RuntimeException ex) {
			if (ex == FALLBACK) {
				return null;
			}
			throw ex;
		}
	}

	/** A record, the parser at its opening brace. */
	private Object record(Shape shape) {
		enter();
		this.pos++;
		Object[] values = new Object[shape.arity];
		Object[] additional = null;
		int additionalCount = 0;
		if (next() == '}') {
			this.pos++;
		}
		else {
			// The component whose name came last; Asterisk writes a record's names in the
			// same order every time, so the one that followed it before is tried first.
			int previous = shape.arity;
			while (true) {
				int component = predictedName(shape, shape.follows[previous]);
				int nameStart = -1;
				if (component < 0) {
					nameStart = name();
					component = shape.find(this.bytes, nameStart, this.nameEnd - nameStart);
				}
				if (component >= 0) {
					if (shape.follows[previous] != component) {
						shape.follows[previous] = component;
					}
					previous = component;
					values[component] = value(shape.kinds[component], shape.elements[component]);
				}
				else {
					String name = new String(this.bytes, nameStart, this.nameEnd - nameStart, StandardCharsets.ISO_8859_1);
					Object value = untyped();
					if (additional == null) {
						additional = new Object[8];
					}
					else if (additionalCount == additional.length) {
						additional = Arrays.copyOf(additional, additionalCount * 2);
					}
					additional[additionalCount++] = name;
					additional[additionalCount++] = value;
				}
				byte b = next();
				this.pos++;
				if (b == '}') {
					break;
				}
				if (b != ',') {
					throw FALLBACK;
				}
			}
		}
		// As Jackson fills them: last read first, so that of a repeated name the first value stays.
		Map<String, Object> additionalProperties = new LinkedHashMap<>();
		for (int i = additionalCount - 2; i >= 0; i -= 2) {
			additionalProperties.put((String) additional[i], additional[i + 1]);
		}
		values[shape.additional] = additionalProperties;
		this.depth--;
		try {
			return (Object) shape.constructor.invokeExact(values);
		}
		catch (Throwable ex) {
			throw FALLBACK;
		}
	}

	/**
	 * Reads the property name and colon that come next if they are the given component's
	 * name, compared as bytes without a scan for quotes and escapes.
	 * @return the component, or -1 (only white space read) if the name is another one
	 */
	private int predictedName(Shape shape, int component) {
		if (component < 0) {
			return -1;
		}
		if (next() != '"') {
			throw FALLBACK;
		}
		byte[] name = shape.jsonNames[component];
		byte[] bytes = this.bytes;
		int start = this.pos + 1;
		int end = start + name.length;
		if (end >= bytes.length || bytes[end] != '"') {
			return -1;
		}
		// names are short: a plain loop costs less than a call to Arrays.equals
		for (int i = 0; i < name.length; i++) {
			if (bytes[start + i] != name[i]) {
				return -1;
			}
		}
		this.pos = end + 1;
		if (next() != ':') {
			throw FALLBACK;
		}
		this.pos++;
		return component;
	}

	/**
	 * Reads a property name and its colon; returns where the name starts, and leaves where it
	 * ends in {@link #nameEnd}. Names with escapes, control or non-ASCII bytes are left to
	 * Jackson.
	 */
	private int name() {
		if (next() != '"') {
			throw FALLBACK;
		}
		int start = ++this.pos;
		byte[] bytes = this.bytes;
		int i = start;
		while (true) {
			if (i >= bytes.length) {
				throw FALLBACK;
			}
			byte b = bytes[i];
			if (b == '"') {
				break;
			}
			if (b < 0x20 || b == '\\') {
				throw FALLBACK;
			}
			i++;
		}
		if (i - start > MAX_NAME_LENGTH) {
			throw FALLBACK;
		}
		this.nameEnd = i;
		this.pos = i + 1;
		if (next() != ':') {
			throw FALLBACK;
		}
		this.pos++;
		return start;
	}

	private Object value(Kind kind, @Nullable Shape element) {
		byte b = next();
		if (b == 'n') {
			literal("null");
			return null;
		}
		switch (kind) {
			case STRING -> {
				return string();
			}
			case INTEGER -> {
				long value = integer();
				if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
					throw FALLBACK;
				}
				return (int) value;
			}
			case LONG -> {
				return integer();
			}
			case DOUBLE -> {
				return doubleValue();
			}
			case BOOLEAN -> {
				return bool();
			}
			case DATE_TIME -> {
				String text = string();
				if (text.isEmpty()) {
					return null;
				}
				try {
					return AriDateTime.parse(text);
				}
				catch (RuntimeException ex) {
					throw FALLBACK;
				}
			}
			case STRINGS -> {
				return list(Kind.STRING, null);
			}
			case RECORD -> {
				if (b != '{') {
					throw FALLBACK;
				}
				return record(element);
			}
			case RECORDS -> {
				return list(Kind.RECORD, element);
			}
			case MAP -> {
				if (b != '{') {
					throw FALLBACK;
				}
				return untyped();
			}
			case MAPS -> {
				return list(Kind.MAP, null);
			}
			case ANY -> {
				return untyped();
			}
			default -> throw FALLBACK;
		}
	}

	private List<Object> list(Kind kind, @Nullable Shape element) {
		if (next() != '[') {
			throw FALLBACK;
		}
		enter();
		this.pos++;
		List<Object> list = new ArrayList<>();
		if (next() == ']') {
			this.pos++;
			this.depth--;
			return list;
		}
		while (true) {
			list.add(value(kind, element));
			byte b = next();
			this.pos++;
			if (b == ']') {
				this.depth--;
				return list;
			}
			if (b != ',') {
				throw FALLBACK;
			}
		}
	}

	/** Any value, as Jackson binds it to {@code Object}. */
	private @Nullable Object untyped() {
		byte b = next();
		switch (b) {
			case '"' -> {
				return string();
			}
			case '{' -> {
				enter();
				this.pos++;
				Map<String, Object> map = new LinkedHashMap<>();
				if (next() == '}') {
					this.pos++;
					this.depth--;
					return map;
				}
				while (true) {
					int start = name();
					String name = new String(this.bytes, start, this.nameEnd - start, StandardCharsets.ISO_8859_1);
					map.put(name, untyped());
					byte c = next();
					this.pos++;
					if (c == '}') {
						this.depth--;
						return map;
					}
					if (c != ',') {
						throw FALLBACK;
					}
				}
			}
			case '[' -> {
				return list(Kind.ANY, null);
			}
			case 't', 'f' -> {
				return bool();
			}
			case 'n' -> {
				literal("null");
				return null;
			}
			default -> {
				return number();
			}
		}
	}

	private String string() {
		if (next() != '"') {
			throw FALLBACK;
		}
		int start = ++this.pos;
		byte[] bytes = this.bytes;
		int i = start;
		while (true) {
			if (i >= bytes.length) {
				throw FALLBACK;
			}
			byte b = bytes[i];
			if (b == '"') {
				this.pos = i + 1;
				return new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
			}
			if (b < 0) {
				// a byte of a multi-byte UTF-8 character
				return utf8String(start, i);
			}
			if (b < 0x20 || b == '\\') {
				return escapedString(start, i);
			}
			i++;
		}
	}

	/**
	 * The rest of a string holding non-ASCII characters, from the first of their bytes, without
	 * escapes: decoded strictly, so that any byte sequence that is not well-formed UTF-8 leaves
	 * the frame to Jackson (which accepts every well-formed one and decodes it alike).
	 */
	private String utf8String(int start, int first) {
		byte[] bytes = this.bytes;
		int i = first;
		while (true) {
			if (i >= bytes.length) {
				throw FALLBACK;
			}
			byte b = bytes[i];
			if (b == '"') {
				break;
			}
			if ((b >= 0 && b < 0x20) || b == '\\') {
				throw FALLBACK;
			}
			i++;
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.decode(ByteBuffer.wrap(bytes, start, i - start))
				.toString();
			this.pos = i + 1;
			return text;
		}
		catch (CharacterCodingException ex) {
			throw FALLBACK;
		}
	}

	/** The rest of a string with escapes, from the first one; ASCII only. */
	private String escapedString(int start, int first) {
		byte[] bytes = this.bytes;
		StringBuilder text = new StringBuilder(first - start + 16);
		for (int i = start; i < first; i++) {
			text.append((char) bytes[i]);
		}
		int i = first;
		while (true) {
			if (i >= bytes.length) {
				throw FALLBACK;
			}
			byte b = bytes[i++];
			if (b == '"') {
				this.pos = i;
				return text.toString();
			}
			if (b < 0x20) {
				throw FALLBACK;
			}
			if (b != '\\') {
				text.append((char) b);
				continue;
			}
			if (i >= bytes.length) {
				throw FALLBACK;
			}
			byte escape = bytes[i++];
			switch (escape) {
				case '"', '\\', '/' -> text.append((char) escape);
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'n' -> text.append('\n');
				case 'r' -> text.append('\r');
				case 't' -> text.append('\t');
				case 'u' -> {
					if (i + 4 > bytes.length) {
						throw FALLBACK;
					}
					int code = 0;
					for (int j = 0; j < 4; j++) {
						int digit = Character.digit(bytes[i++], 16);
						if (digit < 0) {
							throw FALLBACK;
						}
						code = (code << 4) | digit;
					}
					text.append((char) code);
				}
				default -> throw FALLBACK;
			}
		}
	}

	/** An integer literal that fits a long. */
	private long integer() {
		int start = this.pos;
		int end = numberEnd(false);
		int digits = end - start - ((this.bytes[start] == '-') ? 1 : 0);
		if (digits > 18) {
			throw FALLBACK;
		}
		long value = 0;
		for (int i = (this.bytes[start] == '-') ? start + 1 : start; i < end; i++) {
			value = value * 10 + (this.bytes[i] - '0');
		}
		this.pos = end;
		return (this.bytes[start] == '-') ? -value : value;
	}

	private Double doubleValue() {
		int start = this.pos;
		int end = numberEnd(true);
		this.pos = end;
		return Double.parseDouble(new String(this.bytes, start, end - start, StandardCharsets.ISO_8859_1));
	}

	/** A number as Jackson binds it to {@code Object}: Integer, Long or BigInteger, or Double. */
	private Object number() {
		int start = this.pos;
		int end = numberEnd(true);
		this.pos = end;
		boolean integral = true;
		for (int i = start; i < end; i++) {
			byte b = this.bytes[i];
			if (b == '.' || b == 'e' || b == 'E') {
				integral = false;
				break;
			}
		}
		String text = new String(this.bytes, start, end - start, StandardCharsets.ISO_8859_1);
		if (!integral) {
			return Double.parseDouble(text);
		}
		int digits = end - start - ((this.bytes[start] == '-') ? 1 : 0);
		if (digits <= 9) {
			return Integer.parseInt(text);
		}
		if (digits <= 18) {
			long value = Long.parseLong(text);
			return (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) ? (Object) (int) value : (Object) value;
		}
		BigInteger value = new BigInteger(text);
		return (value.bitLength() < Long.SIZE) ? (Object) value.longValue() : value;
	}

	/** The end of a JSON number at the parser, checked as JSON's grammar has it. */
	private int numberEnd(boolean fraction) {
		byte[] bytes = this.bytes;
		int i = this.pos;
		if (i < bytes.length && bytes[i] == '-') {
			i++;
		}
		int digitsStart = i;
		while (i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9') {
			i++;
		}
		int digits = i - digitsStart;
		if (digits == 0 || (digits > 1 && bytes[digitsStart] == '0')) {
			throw FALLBACK;
		}
		if (i < bytes.length && (bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E')) {
			if (!fraction) {
				throw FALLBACK;
			}
			if (bytes[i] == '.') {
				i++;
				int fractionStart = i;
				while (i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9') {
					i++;
				}
				if (i == fractionStart) {
					throw FALLBACK;
				}
			}
			if (i < bytes.length && (bytes[i] == 'e' || bytes[i] == 'E')) {
				i++;
				if (i < bytes.length && (bytes[i] == '+' || bytes[i] == '-')) {
					i++;
				}
				int exponentStart = i;
				while (i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9') {
					i++;
				}
				if (i == exponentStart) {
					throw FALLBACK;
				}
			}
		}
		if ((i < bytes.length && !isDelimiter(bytes[i])) || i - this.pos > MAX_NUMBER_LENGTH) {
			throw FALLBACK;
		}
		return i;
	}

	private Boolean bool() {
		if (this.pos < this.bytes.length && this.bytes[this.pos] == 't') {
			literal("true");
			return Boolean.TRUE;
		}
		literal("false");
		return Boolean.FALSE;
	}

	private void literal(String literal) {
		int end = this.pos + literal.length();
		if (end > this.bytes.length) {
			throw FALLBACK;
		}
		for (int i = 0; i < literal.length(); i++) {
			if (this.bytes[this.pos + i] != literal.charAt(i)) {
				throw FALLBACK;
			}
		}
		if (end < this.bytes.length && !isDelimiter(this.bytes[end])) {
			throw FALLBACK;
		}
		this.pos = end;
	}

	private void enter() {
		if (++this.depth > MAX_DEPTH) {
			throw FALLBACK;
		}
	}

	private static boolean isDelimiter(byte b) {
		return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

	/** The next byte that is not white space, not consumed. */
	private byte next() {
		skipWhitespace();
		if (this.pos >= this.bytes.length) {
			throw FALLBACK;
		}
		return this.bytes[this.pos];
	}

	private void skipWhitespace() {
		while (this.pos < this.bytes.length) {
			byte b = this.bytes[this.pos];
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return;
			}
			this.pos++;
		}
	}

	private enum Kind {

		STRING, INTEGER, LONG, DOUBLE, BOOLEAN, DATE_TIME, STRINGS, RECORD, RECORDS, MAP, MAPS,

		/** Any value, as {@link AriFrameBinder#untyped()} reads it: the elements of an untyped list. */
		ANY

	}

	/** A record type's components as the binder reads them. */
	private static final class Shape {

		final int arity;

		final Kind[] kinds;

		final @Nullable Shape[] elements;

		/** The component of the additional properties. */
		final int additional;

		final MethodHandle constructor;

		/** By name length: the names of that length, ASCII, and their components. */
		private final byte[][][] names;

		private final int[][] components;

		/** By component: its name, ASCII ({@code null} for the additional properties). */
		final byte[][] jsonNames;

		/**
		 * By component, and at {@link #arity} for the start of the record: the component whose
		 * name came next the last time, or -1. Written by every thread that binds, without
		 * synchronization: a stale guess costs only the lookup it would have saved.
		 */
		final int[] follows;

		private Shape(int arity, Kind[] kinds, @Nullable Shape[] elements, int additional, MethodHandle constructor,
				byte[][][] names, int[][] components, byte[][] jsonNames) {
			this.arity = arity;
			this.kinds = kinds;
			this.elements = elements;
			this.additional = additional;
			this.constructor = constructor;
			this.names = names;
			this.components = components;
			this.jsonNames = jsonNames;
			this.follows = new int[arity + 1];
			Arrays.fill(this.follows, -1);
		}

		/** The component of a name, or -1 for a name the record does not declare. */
		int find(byte[] bytes, int start, int length) {
			if (length >= this.names.length) {
				return -1;
			}
			byte[][] candidates = this.names[length];
			for (int c = 0; c < candidates.length; c++) {
				if (Arrays.equals(bytes, start, start + length, candidates[c], 0, length)) {
					return this.components[length][c];
				}
			}
			return -1;
		}

		static @Nullable Shape of(Class<?> type) {
			if (!type.isRecord() || !type.getName().startsWith(PACKAGE)) {
				return null;
			}
			try {
				RecordComponent[] recordComponents = type.getRecordComponents();
				if (recordComponents.length > 64) {
					return null;
				}
				Class<?>[] types = new Class<?>[recordComponents.length];
				for (int i = 0; i < types.length; i++) {
					types[i] = recordComponents[i].getType();
				}
				Constructor<?> constructor = type.getDeclaredConstructor(types);
				Parameter[] parameters = constructor.getParameters();
				int arity = parameters.length;
				Kind[] kinds = new Kind[arity];
				Shape[] elements = new Shape[arity];
				String[] jsonNames = new String[arity];
				int additional = -1;
				int longest = 0;
				for (int i = 0; i < arity; i++) {
					Parameter parameter = parameters[i];
					if (parameter.isAnnotationPresent(JsonAnySetter.class)) {
						if (parameter.getType() != Map.class || additional >= 0) {
							return null;
						}
						additional = i;
						continue;
					}
					JsonProperty property = parameter.getAnnotation(JsonProperty.class);
					if (property == null || property.value().isEmpty() || property.required()
							|| !property.value().chars().allMatch((c) -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
						return null;
					}
					jsonNames[i] = property.value();
					longest = Math.max(longest, property.value().length());
					if (!kind(parameter, i, kinds, elements)) {
						return null;
					}
				}
				if (additional < 0) {
					return null;
				}
				byte[][][] names = new byte[longest + 1][0][];
				int[][] components = new int[longest + 1][0];
				byte[][] asciiNames = new byte[arity][];
				for (int i = 0; i < arity; i++) {
					if (jsonNames[i] != null) {
						int length = jsonNames[i].length();
						asciiNames[i] = jsonNames[i].getBytes(StandardCharsets.US_ASCII);
						names[length] = Arrays.copyOf(names[length], names[length].length + 1);
						names[length][names[length].length - 1] = asciiNames[i];
						components[length] = Arrays.copyOf(components[length], components[length].length + 1);
						components[length][components[length].length - 1] = i;
					}
				}
				MethodHandle handle = MethodHandles.publicLookup()
					.unreflectConstructor(constructor)
					.asSpreader(Object[].class, arity)
					.asType(MethodType.methodType(Object.class, Object[].class));
				return new Shape(arity, kinds, elements, additional, handle, names, components, asciiNames);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

		private static boolean kind(Parameter parameter, int index, Kind[] kinds, Shape[] elements) {
			Class<?> type = parameter.getType();
			JsonDeserialize deserialize = parameter.getAnnotation(JsonDeserialize.class);
			if (type == OffsetDateTime.class) {
				if (deserialize == null || deserialize.using() != AriDateTime.Deserializer.class) {
					return false;
				}
				kinds[index] = Kind.DATE_TIME;
				return true;
			}
			if (deserialize != null) {
				return false;
			}
			if (type == String.class) {
				kinds[index] = Kind.STRING;
			}
			else if (type == Integer.class) {
				kinds[index] = Kind.INTEGER;
			}
			else if (type == Long.class) {
				kinds[index] = Kind.LONG;
			}
			else if (type == Double.class) {
				kinds[index] = Kind.DOUBLE;
			}
			else if (type == Boolean.class) {
				kinds[index] = Kind.BOOLEAN;
			}
			else if (type == Map.class && isMapOfObjects(parameter.getParameterizedType())) {
				kinds[index] = Kind.MAP;
			}
			else if (type == List.class && parameter.getParameterizedType() instanceof ParameterizedType list) {
				Type element = list.getActualTypeArguments()[0];
				if (element == String.class) {
					kinds[index] = Kind.STRINGS;
				}
				else if (isMapOfObjects(element)) {
					kinds[index] = Kind.MAPS;
				}
				else if (element instanceof Class<?> elementClass && (elements[index] = SHAPES.get(elementClass)) != null) {
					kinds[index] = Kind.RECORDS;
				}
				else {
					return false;
				}
			}
			else if ((elements[index] = SHAPES.get(type)) != null) {
				kinds[index] = Kind.RECORD;
			}
			else {
				return false;
			}
			return true;
		}

		private static boolean isMapOfObjects(Type type) {
			return type instanceof ParameterizedType map && map.getRawType() == Map.class
					&& map.getActualTypeArguments()[0] == String.class && map.getActualTypeArguments()[1] == Object.class;
		}

	}

}
