package io.github.arispring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a method parameter or parameter-object component to ARI's JSON request body. ARI reads
 * a body parameter such as {@code variables} as a key of the body object
 * ({@code {"variables": {...}}}), except an {@code object} parameter such as an event
 * {@code filter}, which is the whole body. {@code null} is not sent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
public @interface AriBodyParam {

	/**
	 * The parameter's name, as the API declares it.
	 * @return the name
	 */
	String value();

	/**
	 * Whether the value is the whole body rather than one key of it.
	 * @return {@code true} for the whole body
	 */
	boolean wholeBody() default false;

}
