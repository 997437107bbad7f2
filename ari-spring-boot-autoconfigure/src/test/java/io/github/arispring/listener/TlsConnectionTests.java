package io.github.arispring.listener;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.arispring.client.AriClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * https and wss against a server whose certificate the JVM does not trust: refused by
 * default, accepted with an SSL bundle that trusts it.
 */
class TlsConnectionTests {

	private static final String STORE_PASSWORD = "changeit";

	@TempDir
	static Path directory;

	private static Path keyStore;

	private final FakeAsterisk asterisk = new FakeAsterisk();

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void createCertificate() throws Exception {
		keyStore = directory.resolve("asterisk.p12");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "asterisk", "-keyalg", "RSA",
				"-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
				"-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD)
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
	}

	void start() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = new FileInputStream(keyStore.toFile())) {
			store.load(in, STORE_PASSWORD.toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, STORE_PASSWORD.toCharArray());
		this.asterisk.tls(keys).start();
		this.contextRunner = this.asterisk.contextRunner(SslAutoConfiguration.class)
			.withPropertyValues("ari.applications=flow3");
	}

	@AfterEach
	void stop() {
		this.asterisk.stop();
	}

	@Test
	void certificateNotTrustedShouldBeRefused() throws Exception {
		start();
		this.contextRunner.run((context) -> {
			AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> container.getLastFailure() != null);
			assertThat(container.isConnected()).isFalse();
			assertThat(container.getLastFailure()).contains("TLS handshake failed").contains("ari.ssl.bundle");
			assertThat(this.asterisk.openConnections()).isZero();
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> context.getBean(AriClient.class).asterisk().getInfo(null));
		});
	}

	@Test
	void sslBundleTrustingTheCertificateShouldConnectWssAndHttps() throws Exception {
		start();
		this.contextRunner
			.withPropertyValues("ari.ssl.bundle=asterisk",
					"spring.ssl.bundle.jks.asterisk.truststore.location=file:" + keyStore,
					"spring.ssl.bundle.jks.asterisk.truststore.password=" + STORE_PASSWORD,
					"spring.ssl.bundle.jks.asterisk.truststore.type=PKCS12")
			.run((context) -> {
				AriEventListenerContainer container = context.getBean(AriEventListenerContainer.class);
				await().atMost(Duration.ofSeconds(5)).until(container::isConnected);
				assertThat(container.getConnectUri().getScheme()).isEqualTo("wss");
				assertThat(this.asterisk.queries()).contains("/ari/events?app=flow3");
				assertThat(context.getBean(AriClient.class).asterisk().getInfo(null).system().version())
					.isEqualTo("23.4.1");
				assertThat(container.getApplications()).containsExactly("flow3");
			});
	}

}
