package io.github.arispring.test.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's {@code sessionlimit}: like Asterisk it accepts a connection beyond the limit
 * and closes it before any answer, counts the events WebSockets as sessions, and tells tests
 * the open, peak and refused connections.
 */
class SessionLimitTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void aConnectionBeyondTheLimitIsClosedBeforeAnAnswer() throws IOException {
		try (AriSimulator simulator = AriSimulator.builder().sessionLimit(2).start();
				Socket first = connect(simulator);
				Socket second = connect(simulator)) {
			await().atMost(TIMEOUT).until(() -> simulator.openConnections() == 2);
			try (Socket third = connect(simulator)) {
				third.setSoTimeout((int) TIMEOUT.toMillis());
				assertThat(third.getInputStream().read()).as("the refused connection's first byte").isEqualTo(-1);
			}
			assertThat(simulator.refusedConnections()).isEqualTo(1);
			assertThat(simulator.peakConnections()).isEqualTo(2);
			assertThat(simulator.sessionLimit()).isEqualTo(2);
			assertThat(ping(simulator, first)).startsWith("HTTP/1.1 200 OK");
		}
	}

	@Test
	void closedConnectionsFreeTheirSessions() throws IOException {
		try (AriSimulator simulator = AriSimulator.builder().sessionLimit(1).start()) {
			try (Socket first = connect(simulator)) {
				assertThat(ping(simulator, first)).startsWith("HTTP/1.1 200 OK");
				assertThat(simulator.openConnections()).isEqualTo(1);
			}
			await().atMost(TIMEOUT).until(() -> simulator.openConnections() == 0);
			try (Socket second = connect(simulator)) {
				assertThat(ping(simulator, second)).startsWith("HTTP/1.1 200 OK");
			}
			assertThat(simulator.refusedConnections()).isZero();
			assertThat(simulator.peakConnections()).isEqualTo(1);
		}
	}

	@Test
	void eventsWebSocketsAreSessionsToo() {
		try (AriSimulator simulator = AriSimulator.builder().sessionLimit(1).start();
				EventStream events = EventStream.connect(simulator, "limited")) {
			assertThat(simulator.openConnections()).isEqualTo(1);
			assertThat(simulator.applications()).containsExactly("limited");
			Throwable refused = catchThrowable(() -> RawHttp.ari(simulator).asterisk().ping());
			assertThat(refused).hasMessageContaining("could not reach Asterisk");
			assertThat(simulator.refusedConnections()).isEqualTo(1);
		}
	}

	@Test
	void resetStartsThePeakAgainFromTheOpenConnections() throws IOException {
		try (AriSimulator simulator = AriSimulator.create().start()) {
			try (Socket first = connect(simulator); Socket second = connect(simulator)) {
				await().atMost(TIMEOUT).until(() -> simulator.openConnections() == 2);
			}
			await().atMost(TIMEOUT).until(() -> simulator.openConnections() == 0);
			assertThat(simulator.peakConnections()).isEqualTo(2);
			simulator.reset();
			assertThat(simulator.peakConnections()).isZero();
			assertThat(simulator.sessionLimit()).as("Asterisk's default").isEqualTo(100);
		}
	}

	@Test
	void theLimitIsAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> AriSimulator.builder().sessionLimit(0))
			.withMessageContaining("at least 1");
	}

	private static Socket connect(AriSimulator simulator) throws IOException {
		return new Socket(InetAddress.getByName("127.0.0.1"), simulator.port());
	}

	/** Sends a ping on a raw connection and reads the status line. */
	private static String ping(AriSimulator simulator, Socket socket) throws IOException {
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		OutputStream out = socket.getOutputStream();
		out.write(("GET /ari/asterisk/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
				+ EventStream.basic(simulator.username(), simulator.password()) + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
			line.append((char) c);
		}
		return line.toString();
	}

}
