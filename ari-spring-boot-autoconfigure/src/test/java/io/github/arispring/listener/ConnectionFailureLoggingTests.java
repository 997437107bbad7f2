package io.github.arispring.listener;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each failed attempt to open the events WebSocket is logged once, by the listener, naming
 * the cause; Reactor Netty adds nothing at WARN or above. Logs at INFO, as applications do.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionFailureLoggingTests {

	/** The level of a log line, in logback's default layout or Spring Boot's. */
	private static final Pattern LOG_LINE = Pattern.compile("^\\S.{0,80}?\\b(TRACE|DEBUG|INFO|WARN|ERROR)\\b.*$");

	private static final String FAILURE = "Cannot connect to ARI events at ";

	private static final int ATTEMPTS = 3;

	private final FakeAsterisk asterisk = new FakeAsterisk();

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private LogLevel rootLevel;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		LoggerConfiguration root = this.loggingSystem.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME);
		this.rootLevel = (root != null) ? root.getConfiguredLevel() : null;
		this.loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
		this.asterisk.start();
		// attempts 300 ms apart, so that counting lines and attempts does not race
		this.contextRunner = this.asterisk.contextRunner()
			.withPropertyValues("ari.applications=flow3", "ari.listener.reconnect.initial-delay=300ms",
					"ari.listener.reconnect.multiplier=1", "ari.listener.reconnect.jitter=0");
	}

	@AfterEach
	void stop() {
		this.asterisk.stop();
		this.loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, this.rootLevel);
	}

	static Stream<Arguments> refusals() {
		return Stream.of(
				arguments("rest/errors/401-events-websocket-bad-password.json", "ERROR",
						"Asterisk answered 401 Unauthorized (Authentication required) for user 'asterisk': "
								+ "check ari.username and ari.password"),
				arguments("rest/errors/403-readonly-user-write.json", "ERROR",
						"Asterisk answered 403 Forbidden (Write access denied) for user 'asterisk'"),
				arguments("rest/errors/404-no-such-resource.json", "WARN",
						"Asterisk answered 404 Not Found (Resource not found) to the WebSocket upgrade: check ari.url"),
				arguments("rest/errors/400-events-websocket-missing-app.json", "WARN",
						"Asterisk answered 400 Bad Request (HTTP request is missing param: [app]) to the WebSocket "
								+ "upgrade: check ari.applications"));
	}

	@ParameterizedTest
	@MethodSource("refusals")
	void refusedUpgradeShouldBeLoggedOncePerAttempt(String sample, String level, String cause, CapturedOutput output) {
		this.asterisk.refuseUpgrade(sample);
		this.contextRunner.run((context) -> {
			awaitFailures(output);
			assertThat(this.asterisk.attempts()).isEqualTo(ATTEMPTS);
		});
		assertOneLinePerAttempt(output, level, cause);
	}

	@Test
	void upgradeWithoutTheAriSubprotocolShouldBeLoggedOncePerAttemptNamingIt(CapturedOutput output) {
		this.asterisk.answerUpgrade(FakeAsterisk.Upgrade.WITHOUT_SUBPROTOCOL);
		this.contextRunner.run((context) -> {
			awaitFailures(output);
			assertThat(this.asterisk.attempts()).isEqualTo(ATTEMPTS);
			assertThat(context.getBean(AriEventListenerContainer.class).isConnected()).isFalse();
		});
		assertOneLinePerAttempt(output, "WARN", "the server answered 101 Switching Protocols (without the 'ari' "
				+ "subprotocol; Sec-WebSocket-Protocol: none): check that ari.url is Asterisk's HTTP server");
	}

	@Test
	void connectionClosedWithoutAnAnswerShouldBeLoggedOncePerAttempt(CapturedOutput output) {
		this.asterisk.answerUpgrade(FakeAsterisk.Upgrade.HANG_UP);
		this.contextRunner.run((context) -> {
			awaitFailures(output);
			assertThat(this.asterisk.attempts()).isEqualTo(ATTEMPTS);
		});
		assertOneLinePerAttempt(output, "WARN", "the connection closed before Asterisk answered the WebSocket upgrade");
	}

	@Test
	void upgradeNotAnsweredInTimeShouldBeLoggedOncePerAttempt(CapturedOutput output) {
		this.asterisk.answerUpgrade(FakeAsterisk.Upgrade.IGNORE);
		this.contextRunner.withPropertyValues("ari.response-timeout=200ms").run((context) -> {
			awaitFailures(output);
			assertThat(this.asterisk.attempts()).isEqualTo(ATTEMPTS);
		});
		assertOneLinePerAttempt(output, "WARN",
				"Asterisk did not answer the WebSocket upgrade within 200 ms (ari.response-timeout)");
	}

	@Test
	void refusedConnectionShouldBeLoggedOncePerAttempt(CapturedOutput output) {
		this.asterisk.stop();
		this.contextRunner.run((context) -> awaitFailures(output));
		assertOneLinePerAttempt(output, "WARN",
				"connection refused: check ari.url and that Asterisk's HTTP server (http.conf) is running");
	}

	private void awaitFailures(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> failures(output).size() >= ATTEMPTS);
	}

	private void assertOneLinePerAttempt(CapturedOutput output, String level, String cause) {
		List<Matcher> warnings = warnings(output);
		// only the listener's own line, once per attempt
		assertThat(warnings).as("WARN and ERROR lines in%n%s", output)
			.allSatisfy((line) -> assertThat(line.group()).contains(AriEventListenerContainer.class.getSimpleName(),
					FAILURE));
		assertThat(warnings).hasSizeBetween(ATTEMPTS, ATTEMPTS + 1).allSatisfy((line) -> {
			assertThat(line.group(1)).isEqualTo(level);
			assertThat(line.group()).contains(cause).doesNotContain(FakeAsterisk.PASSWORD);
		});
		assertThat(output.getAll()).as("stack traces").doesNotContain("\tat ");
	}

	private static List<Matcher> failures(CapturedOutput output) {
		return warnings(output).stream().filter((line) -> line.group().contains(FAILURE)).toList();
	}

	private static List<Matcher> warnings(CapturedOutput output) {
		return output.getAll()
			.lines()
			.map(LOG_LINE::matcher)
			.filter(Matcher::matches)
			.filter((line) -> line.group(1).equals("WARN") || line.group(1).equals("ERROR"))
			.toList();
	}

}
