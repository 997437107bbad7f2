package io.github.arispring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Runs a Spring Boot test against an {@link io.github.arispring.test.simulator.AriSimulator}:
 * starts one for the application context and points the application's ARI connection at it.
 * Inject the simulator to drive calls:
 * <pre class="code">
 * &#064;SpringBootTest
 * &#064;AutoConfigureAriSimulator
 * class IvrTests {
 *     &#064;Autowired AriSimulator simulator;
 * }
 * </pre>
 * The attributes become {@code ari.simulator.*} properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("ari.simulator")
public @interface AutoConfigureAriSimulator {

	/**
	 * The ARI user the simulator accepts and the application logs in as.
	 * @return the user
	 */
	String username() default "asterisk";

	/**
	 * That user's password.
	 * @return the password
	 */
	String password() default "asterisk";

	/**
	 * How long each media item plays, such as {@code 50ms}; tones play until stopped.
	 * @return the duration
	 */
	String mediaDuration() default "50ms";

	/**
	 * How long the far end of an originated call takes to answer, such as {@code 20ms}.
	 * @return the delay
	 */
	String answerDelay() default "20ms";

	/**
	 * The largest number of HTTP connections open at once, the events WebSocket included, as
	 * {@code sessionlimit} in Asterisk's {@code http.conf}.
	 * @return the number of connections
	 */
	int sessionLimit() default 100;

}
