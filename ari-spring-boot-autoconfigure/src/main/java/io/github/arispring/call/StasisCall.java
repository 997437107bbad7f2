package io.github.arispring.call;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as the script of a call: it runs once for each channel that enters
 * Stasis ({@code StasisStart}), from start to end, on a thread of its own (a virtual thread on
 * Java 21 and later), while the call's events feed its verbs.
 * <pre class="code">
 * &#64;StasisCall
 * void handle(Call call) {
 *     call.answer();
 *     Digits digits = call.collectDigits(DigitOptions.upTo(4), "sound:enter-pin");
 *     call.play("digits:" + digits.value());
 * }   // the call is hung up here unless it was handed on
 * </pre>
 * The method takes a {@link Call} and returns {@code void}, or takes a {@link ReactiveCall} and
 * returns a {@code Mono}, {@code Publisher} or {@code CompletionStage} that completes when the
 * script is done. It may also take the {@code StasisStart} event, the {@code AriEventSource}
 * and a {@code String} for the application name.
 * <p>
 * When the caller hangs up, the verb in progress and every later one throw
 * {@link CallEndedException}. When the method returns or throws, the call is hung up (and the
 * legs it dialled and the bridges it made are cleaned up) unless it was handed on with
 * {@link Call#release()}, {@link Call#continueInDialplan()} or {@link Call#moveTo}. A channel
 * that a script dialled does not start a script of its own. Only the first matching method (by
 * {@code @Order}) runs for a call. May be used as a meta-annotation.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StasisCall {

	/**
	 * Alias for {@link #applications()}.
	 * @return the applications
	 */
	@AliasFor("applications")
	String[] value() default {};

	/**
	 * The Stasis applications whose calls this method handles; empty for all of
	 * {@code ari.applications}.
	 * @return the applications
	 */
	@AliasFor("value")
	String[] applications() default {};

	/**
	 * The Asterisk servers whose calls this method handles, by name ({@code default} for
	 * {@code ari.url}, else the name under {@code ari.servers}); empty for every server.
	 * @return the server names
	 */
	String[] servers() default {};

	/**
	 * A SpEL condition the {@code StasisStart} event must meet, such as
	 * {@code "#event.args.isEmpty()"}. The event is {@code #event} (also
	 * {@code #root.event}), the application {@code #application}, and beans are
	 * {@code @name}.
	 * @return the condition, or empty for none
	 */
	String condition() default "";

	/**
	 * The script's name in logs and the {@code handler} tag of {@code ari.events.failed};
	 * defaults to {@code SimpleClassName.method}.
	 * @return the name
	 */
	String id() default "";

}
