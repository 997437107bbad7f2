package io.github.arispring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a method parameter or parameter-object component to an ARI query parameter. Unlike
 * {@code @RequestParam}, a list is sent the way ARI reads it: one value, comma-separated.
 * {@code null} is not sent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
public @interface AriQueryParam {

	/**
	 * The parameter's name on the wire, as the API declares it.
	 * @return the name
	 */
	String value();

}
