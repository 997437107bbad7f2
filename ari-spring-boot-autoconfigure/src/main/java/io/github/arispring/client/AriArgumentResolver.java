package io.github.arispring.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.HttpServiceArgumentResolver;

/**
 * Resolves {@link AriQueryParam} and {@link AriBodyParam} arguments and {@link AriParameters}
 * objects into query parameters and a JSON body.
 */
final class AriArgumentResolver implements HttpServiceArgumentResolver {

	private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
		@Override
		protected List<Component> computeValue(Class<?> type) {
			return components(type);
		}
	};

	@Override
	public boolean resolve(@Nullable Object argument, MethodParameter parameter, HttpRequestValues.Builder values) {
		AriQueryParam query = parameter.getParameterAnnotation(AriQueryParam.class);
		if (query != null) {
			if (argument != null) {
				values.addRequestParameter(query.value(), format(argument));
			}
			return true;
		}
		AriBodyParam body = parameter.getParameterAnnotation(AriBodyParam.class);
		if (body != null) {
			if (argument != null) {
				values.setBodyValue(body.wholeBody() ? argument : Map.of(body.value(), argument));
			}
			return true;
		}
		if (AriParameters.class.isAssignableFrom(parameter.getParameterType())) {
			if (argument != null) {
				apply(argument, values);
			}
			return true;
		}
		return false;
	}

	private static void apply(Object parameters, HttpRequestValues.Builder values) {
		Map<String, Object> body = null;
		for (Component component : COMPONENTS.get(parameters.getClass())) {
			Object value = component.get(parameters);
			if (value == null) {
				continue;
			}
			if (!component.body) {
				values.addRequestParameter(component.name, format(value));
			}
			else if (component.wholeBody) {
				values.setBodyValue(value);
			}
			else {
				body = (body != null) ? body : new LinkedHashMap<>();
				body.put(component.name, value);
			}
		}
		if (body != null) {
			values.setBodyValue(body);
		}
	}

	static String format(Object value) {
		if (value instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).collect(Collectors.joining(","));
		}
		return String.valueOf(value);
	}

	private static List<Component> components(Class<?> type) {
		if (!type.isRecord()) {
			throw new IllegalArgumentException(type.getName() + " is not a generated ARI parameter record");
		}
		List<Component> components = new ArrayList<>();
		MethodHandles.Lookup lookup = MethodHandles.publicLookup();
		for (RecordComponent component : type.getRecordComponents()) {
			AriQueryParam query = component.getAnnotation(AriQueryParam.class);
			AriBodyParam body = component.getAnnotation(AriBodyParam.class);
			if (query == null && body == null) {
				throw new IllegalArgumentException(type.getName() + "." + component.getName()
						+ " has neither @AriQueryParam nor @AriBodyParam");
			}
			try {
				MethodHandle accessor = lookup.unreflect(component.getAccessor());
				components.add((query != null) ? new Component(query.value(), false, false, accessor)
						: new Component(body.value(), true, body.wholeBody(), accessor));
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return List.copyOf(components);
	}

	private record Component(String name, boolean body, boolean wholeBody, MethodHandle accessor) {

		Object get(Object target) {
			try {
				return this.accessor.invoke(target);
			}
			catch (Throwable ex) {
				throw new IllegalStateException("Cannot read " + this.name, ex);
			}
		}

	}

}
