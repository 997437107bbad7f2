package io.github.arispring.listener;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Binds the ARI records (events and the models they hold) straight through their canonical
 * constructors: each property goes into its constructor argument as it is read, properties
 * this API version does not declare into the additional properties, and the record is made
 * once the object ends. Jackson's own binding of a record buffers every property and looks
 * each name up by hash; this one matches names against the parser's bytes and keeps no
 * buffer. The values themselves are read by Jackson's deserializers of the record's
 * properties, with their annotations; a record that does not fit (no additional properties,
 * required or injected properties, creator settings that fail on missing or null arguments)
 * and any input other than an object are left to Jackson's binding.
 */
final class RecordBinding {

	private static final String PACKAGE = "io.github.arispring.";

	private RecordBinding() {
	}

	/**
	 * The module that installs the binding; register it after modules that replace bean
	 * deserializers, so that the records it leaves to Jackson keep their optimizations.
	 * @return the module
	 */
	static JacksonModule module() {
		SimpleModule module = new SimpleModule("ari-record-binding");
		module.setDeserializerModifier(new ValueDeserializerModifier() {

			private static final long serialVersionUID = 1L;

			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				Class<?> type = description.getBeanClass();
				if (type.isRecord() && type.getName().startsWith(PACKAGE)
						&& deserializer instanceof BeanDeserializerBase bean) {
					return new RecordDeserializer(bean, type);
				}
				return deserializer;
			}

		});
		return module;
	}

	/** One record type's binding; Jackson's deserializer of the record does what it does not. */
	static final class RecordDeserializer extends ValueDeserializer<Object> {

		private final BeanDeserializerBase delegate;

		private final Class<?> type;

		// Set once by resolve, before Jackson hands the deserializer out.
		private @Nullable Binding binding;

		RecordDeserializer(BeanDeserializerBase delegate, Class<?> type) {
			this.delegate = delegate;
			this.type = type;
		}

		@Override
		public void resolve(DeserializationContext context) {
			this.delegate.resolve(context);
			this.binding = Binding.of(this.delegate, this.type, context);
		}

		@Override
		public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
			ValueDeserializer<?> contextual = this.delegate.createContextual(context, property);
			return (contextual == this.delegate) ? this : contextual;
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			Binding binding = this.binding;
			if (binding == null || !parser.isExpectedStartObjectToken()) {
				return this.delegate.deserialize(parser, context);
			}
			return binding.read(parser, context);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context, Object intoValue)
				throws JacksonException {
			return this.delegate.deserialize(parser, context, intoValue);
		}

		@Override
		public Object deserializeWithType(JsonParser parser, DeserializationContext context,
				TypeDeserializer typeDeserializer) throws JacksonException {
			return this.delegate.deserializeWithType(parser, context, typeDeserializer);
		}

		@Override
		public Class<?> handledType() {
			return this.delegate.handledType();
		}

		@Override
		public LogicalType logicalType() {
			return this.delegate.logicalType();
		}

		@Override
		public boolean isCachable() {
			return this.delegate.isCachable();
		}

		@Override
		public ValueDeserializer<?> getDelegatee() {
			return this.delegate;
		}

		@Override
		public Collection<Object> getKnownPropertyNames() {
			return this.delegate.getKnownPropertyNames();
		}

		@Override
		public Boolean supportsUpdate(DeserializationConfig config) {
			return this.delegate.supportsUpdate(config);
		}

		@Override
		public @Nullable SettableBeanProperty findBackReference(String refName) {
			return this.delegate.findBackReference(refName);
		}

	}

	/** What reading a record needs, found once its deserializer is resolved. */
	private static final class Binding {

		private final Class<?> type;

		private final PropertyNameMatcher matcher;

		/** By the matcher's index: the property and its constructor argument. */
		private final SettableBeanProperty[] properties;

		private final int[] arguments;

		/** The argument of the additional properties. */
		private final int additional;

		private final ValueDeserializer<Object> additionalValues;

		private final int arity;

		/** Takes the constructor's arguments as one array. */
		private final MethodHandle constructor;

		private Binding(Class<?> type, PropertyNameMatcher matcher, SettableBeanProperty[] properties, int[] arguments,
				int additional, ValueDeserializer<Object> additionalValues, int arity, MethodHandle constructor) {
			this.type = type;
			this.matcher = matcher;
			this.properties = properties;
			this.arguments = arguments;
			this.additional = additional;
			this.additionalValues = additionalValues;
			this.arity = arity;
			this.constructor = constructor;
		}

		/** The binding of a record, or {@code null} to leave it to Jackson. */
		static @Nullable Binding of(BeanDeserializerBase bean, Class<?> type, DeserializationContext context) {
			if (context.isEnabled(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
					|| context.isEnabled(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
					|| bean.getObjectIdReader(context) != null) {
				return null;
			}
			try {
				RecordComponent[] components = type.getRecordComponents();
				Class<?>[] parameterTypes = new Class<?>[components.length];
				for (int i = 0; i < components.length; i++) {
					parameterTypes[i] = components[i].getType();
				}
				Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
				if (components.length > Long.SIZE) {
					return null;
				}
				Parameter[] parameters = constructor.getParameters();
				int additional = -1;
				for (int i = 0; i < parameters.length; i++) {
					if (parameters[i].isAnnotationPresent(JsonAnySetter.class)
							&& Map.class.isAssignableFrom(parameters[i].getType())) {
						additional = i;
					}
				}
				if (additional < 0) {
					return null;
				}
				SettableBeanProperty[] byArgument = new SettableBeanProperty[components.length];
				for (Iterator<SettableBeanProperty> it = bean.creatorProperties(); it.hasNext();) {
					SettableBeanProperty property = it.next();
					int index = property.getCreatorIndex();
					if (index == additional) {
						continue;
					}
					if (index < 0 || index >= byArgument.length || byArgument[index] != null || property.isRequired()
							|| property.getInjectableValueId() != null || property.getValueDeserializer() == null) {
						return null;
					}
					byArgument[index] = property;
				}
				List<SettableBeanProperty> properties = new ArrayList<>();
				List<Integer> arguments = new ArrayList<>();
				for (int i = 0; i < byArgument.length; i++) {
					if (i == additional) {
						continue;
					}
					if (byArgument[i] == null) {
						return null;
					}
					properties.add(byArgument[i]);
					arguments.add(i);
				}
				List<Named> names = new ArrayList<>(properties);
				PropertyNameMatcher matcher = context.tokenStreamFactory().constructNameMatcher(names, false);
				MethodHandle handle = MethodHandles.publicLookup()
					.unreflectConstructor(constructor)
					.asSpreader(Object[].class, components.length)
					.asType(MethodType.methodType(Object.class, Object[].class));
				ValueDeserializer<Object> values = context
					.findRootValueDeserializer(context.constructType(Object.class));
				return new Binding(type, matcher, properties.toArray(SettableBeanProperty[]::new),
						arguments.stream().mapToInt(Integer::intValue).toArray(), additional, values,
						components.length, handle);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

		/** Reads the record from the parser, which is at the start of its object. */
		Object read(JsonParser parser, DeserializationContext context) throws JacksonException {
			Object[] values = new Object[this.arity];
			long seen = 0;
			// names and values of the additional properties, in the order read
			Object[] additional = null;
			int additionalCount = 0;
			int match = parser.nextNameMatch(this.matcher);
			while (true) {
				if (match >= 0) {
					parser.nextToken();
					SettableBeanProperty property = this.properties[match];
					int argument = this.arguments[match];
					values[argument] = readProperty(parser, context, property);
					seen |= 1L << argument;
				}
				else if (match == PropertyNameMatcher.MATCH_UNKNOWN_NAME) {
					String name = parser.currentName();
					parser.nextToken();
					Object value = readAdditional(parser, context, name);
					if (additional == null) {
						additional = new Object[8];
					}
					else if (additionalCount == additional.length) {
						additional = Arrays.copyOf(additional, additionalCount * 2);
					}
					additional[additionalCount++] = name;
					additional[additionalCount++] = value;
				}
				else {
					break;
				}
				match = parser.nextNameMatch(this.matcher);
			}
			if (match != PropertyNameMatcher.MATCH_END_OBJECT) {
				return context.handleUnexpectedToken(this.type, parser);
			}
			for (int i = 0; i < this.properties.length; i++) {
				int argument = this.arguments[i];
				if ((seen & (1L << argument)) == 0) {
					values[argument] = absent(context, this.properties[i]);
				}
			}
			// As Jackson's binding fills them: last read first, so that of a repeated name the first value stays.
			Map<String, Object> additionalProperties = new LinkedHashMap<>();
			for (int i = additionalCount - 2; i >= 0; i -= 2) {
				additionalProperties.put((String) additional[i], additional[i + 1]);
			}
			values[this.additional] = additionalProperties;
			Object record;
			try {
				record = (Object) this.constructor.invokeExact(values);
			}
			catch (Throwable ex) {
				return context.handleInstantiationProblem(this.type, values, ex);
			}
			parser.assignCurrentValue(record);
			return record;
		}

		private Object readProperty(JsonParser parser, DeserializationContext context, SettableBeanProperty property) {
			try {
				return property.deserialize(parser, context);
			}
			catch (Exception ex) {
				throw JacksonException.wrapWithPath(unwrap(ex), this.type, property.getName());
			}
		}

		private @Nullable Object readAdditional(JsonParser parser, DeserializationContext context, String name) {
			try {
				return parser.hasToken(JsonToken.VALUE_NULL) ? this.additionalValues.getNullValue(context)
						: this.additionalValues.deserialize(parser, context);
			}
			catch (Exception ex) {
				throw JacksonException.wrapWithPath(unwrap(ex), this.type, name);
			}
		}

		/** The argument of a property the object lacks, as Jackson's binding gives it. */
		private @Nullable Object absent(DeserializationContext context, SettableBeanProperty property) {
			Object value = property.getNullValueProvider().getAbsentValue(context);
			return (value != null) ? value : property.getValueDeserializer().getAbsentValue(context);
		}

		private static Throwable unwrap(Exception ex) {
			return (ex instanceof java.lang.reflect.InvocationTargetException invocation && invocation.getCause() != null)
					? invocation.getCause() : ex;
		}

	}

}
