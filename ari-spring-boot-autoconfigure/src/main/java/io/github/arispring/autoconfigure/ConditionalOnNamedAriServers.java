package io.github.arispring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when named Asterisk servers are configured ({@code ari.servers.<name>.*}), or, with
 * {@code false}, when none is.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnNamedAriServersCondition.class)
public @interface ConditionalOnNamedAriServers {

	/**
	 * Whether named servers must be configured ({@code true}) or absent ({@code false}).
	 * @return whether they must be configured
	 */
	boolean value() default true;

}
