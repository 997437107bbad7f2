package io.github.arispring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as a handler of ARI events. The type of its event parameter selects
 * the events: a concrete type such as {@code StasisStart}, a shared interface such as
 * {@code ChannelEvent} (any event about a channel), or {@code AriEvent} (everything).
 * <p>
 * Other parameters may be {@code AriClient}, {@code ReactiveAriClient}, or a
 * {@code String}, which receives the application name. The method may return {@code void},
 * or a {@code Mono}, {@code Flux} or {@code CompletionStage}: the next event of the same
 * channel waits for its completion. Events of one channel arrive in order, different
 * channels in parallel.
 * <pre class="code">
 * &#64;StasisEventHandler
 * void onStart(StasisStart event, AriClient ari) {
 *     ari.channels().answer(event.channel().id());
 * }
 * </pre>
 * May be used as a meta-annotation.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StasisEventHandler {

	/**
	 * Alias for {@link #applications()}.
	 * @return the applications
	 */
	@AliasFor("applications")
	String[] value() default {};

	/**
	 * The Stasis applications whose events this method handles; empty for all of
	 * {@code ari.applications}. Property placeholders are resolved, such as
	 * {@code "ivr-${ari.instance-id}"}.
	 * @return the applications
	 */
	@AliasFor("value")
	String[] applications() default {};

	/**
	 * The Asterisk servers whose events this method handles, by name ({@code default} for
	 * {@code ari.url}, else the name under {@code ari.servers}); empty for every server.
	 * @return the server names
	 */
	String[] servers() default {};

	/**
	 * A SpEL condition the event must meet, such as
	 * {@code "#event.digit == '#'"} or {@code "@calls.isActive(#event.channel.id)"}. The
	 * event is {@code #event} (also {@code #root.event} and by its parameter name),
	 * the application {@code #application}, and beans are {@code @name}.
	 * @return the condition, or empty for none
	 */
	String condition() default "";

	/**
	 * Name of an {@code AriEventErrorHandler} bean to call when this method fails, after the
	 * failure is logged; empty for the default ({@code ari.listener.error-handler}). The
	 * starter defines {@code ariHangupErrorHandler}, which hangs up the event's channel, and
	 * {@code ariContinueErrorHandler}, which continues it in the dialplan.
	 * @return the bean name
	 */
	String errorHandler() default "";

	/**
	 * The handler's name in logs and the {@code ari.handler} observation tag; defaults to
	 * {@code SimpleClassName.method}.
	 * @return the name
	 */
	String id() default "";

}
