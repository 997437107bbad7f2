package io.github.arispring.test.outbound;

import java.io.IOException;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * A real nginx as a child process on a free loopback port, in front of application instances,
 * with the configuration the README gives for Asterisk's outbound WebSockets: WebSocket
 * upgrade headers, a read time-out longer than any call, and a refused or {@code 503} upgrade
 * retried on the next instance. Everything it writes (pid, logs, temporary files) stays in its
 * own temporary directory.
 */
final class Nginx implements AutoCloseable {

	/** Where Debian's {@code nginx-light} (and {@code nginx}) installs the binary. */
	static final Path DEBIAN_BINARY = Path.of("/usr/sbin/nginx");

	private final Path directory;

	private final Process process;

	private final int port;

	private Nginx(Path directory, Process process, int port) {
		this.directory = directory;
		this.process = process;
		this.port = port;
	}

	/**
	 * The nginx binary: Debian's, else one on the {@code PATH}.
	 * @return the binary, or {@code null} if nginx is not installed
	 */
	static @Nullable Path binary() {
		if (Files.isExecutable(DEBIAN_BINARY)) {
			return DEBIAN_BINARY;
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String entry : path.split(File.pathSeparator)) {
				Path candidate = Path.of(entry, "nginx");
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	static Nginx start(Path binary, String path, List<Integer> upstreamPorts) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("ari-outbound-nginx");
		int port = freePort();
		Path config = directory.resolve("nginx.conf");
		Files.writeString(config, config(directory, port, path, upstreamPorts));
		Process process = new ProcessBuilder(binary.toString(), "-p", directory.toString(), "-c", config.toString(),
				"-e", directory.resolve("error.log").toString())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("stdout.log").toFile())
			.start();
		Nginx nginx = new Nginx(directory, process, port);
		nginx.awaitListening(Duration.ofSeconds(10));
		return nginx;
	}

	private static String config(Path directory, int port, String path, List<Integer> upstreamPorts) {
		String servers = upstreamPorts.stream()
			.map((upstream) -> "\t\tserver 127.0.0.1:" + upstream + ";")
			.collect(Collectors.joining("\n"));
		// Workers of a root master run as nobody, who cannot enter the private temporary directory.
		String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
		return user + """
				daemon off;
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log warn;
				events {
					worker_connections 4096;
				}
				http {
					log_format upstreams '$request $status upstream=$upstream_addr statuses=$upstream_status';
					access_log %1$s/access.log upstreams;
					client_body_temp_path %1$s/client_body;
					proxy_temp_path %1$s/proxy;
					fastcgi_temp_path %1$s/fastcgi;
					uwsgi_temp_path %1$s/uwsgi;
					scgi_temp_path %1$s/scgi;
					map $http_upgrade $connection_upgrade {
						default upgrade;
						'' close;
					}
					upstream ari_app {
				%2$s
					}
					server {
						listen 127.0.0.1:%3$d;
						location %4$s {
							proxy_pass http://ari_app;
							proxy_http_version 1.1;
							proxy_set_header Upgrade $http_upgrade;
							proxy_set_header Connection $connection_upgrade;
							proxy_set_header Host $host;
							proxy_read_timeout 1h;
							proxy_send_timeout 1h;
							proxy_next_upstream error timeout http_503;
						}
					}
				}
				""".formatted(directory, servers, port, path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void awaitListening(Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("nginx exited with " + this.process.exitValue() + ": " + logs());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		close();
		throw new IllegalStateException("nginx did not listen on port " + this.port + " within " + timeout + ": "
				+ logs());
	}

	int port() {
		return this.port;
	}

	/**
	 * The access log: one line per upgrade, with the instances tried and their statuses.
	 * @return the lines
	 */
	List<String> accessLog() throws IOException {
		Path log = this.directory.resolve("access.log");
		return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
	}

	String logs() {
		StringBuilder logs = new StringBuilder();
		for (String name : List.of("stdout.log", "error.log")) {
			Path log = this.directory.resolve(name);
			try {
				if (Files.exists(log)) {
					logs.append(name).append(": ").append(Files.readString(log, StandardCharsets.UTF_8).strip())
						.append('\n');
				}
			}
			catch (IOException ex) {
				logs.append(name).append(": ").append(ex).append('\n');
			}
		}
		return logs.isEmpty() ? "(no output)" : logs.toString();
	}

	@Override
	public void close() {
		// SIGTERM: a fast shutdown of the master and its workers.
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		FileSystemUtils.deleteRecursively(this.directory.toFile());
	}

}
