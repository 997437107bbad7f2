package io.github.arispring.env;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Gives {@code ari.instance-id} a default, the host name followed by a random suffix (such as
 * {@code ivr-host-7-3fa9c2}), chosen once when the environment is prepared, so that every
 * {@code ${ari.instance-id}} of one application, such as {@code ari.applications=ivr-${ari.instance-id}},
 * means the same name for its whole life. The random part keeps two instances on one host apart.
 * A value set anywhere else (configuration files, environment variables, default properties)
 * wins: it runs after the configuration files are loaded and adds the default only if there is
 * no value.
 */
public class AriInstanceIdEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The property. */
	public static final String PROPERTY = "ari.instance-id";

	/** The name of the property source holding the default. */
	public static final String PROPERTY_SOURCE_NAME = "ariInstanceId";

	private static final int MAX_HOST_LENGTH = 40;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Supplier<@Nullable String> hostName;

	/**
	 * Creates a post-processor that reads the host name from {@code HOSTNAME} or
	 * {@code COMPUTERNAME}, else from the network configuration.
	 */
	public AriInstanceIdEnvironmentPostProcessor() {
		this(AriInstanceIdEnvironmentPostProcessor::localHostName);
	}

	AriInstanceIdEnvironmentPostProcessor(Supplier<@Nullable String> hostName) {
		this.hostName = hostName;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty(PROPERTY)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(PROPERTY, generate(this.hostName.get()))));
	}

	/**
	 * A new instance id: the host name, reduced to letters, digits and hyphens, then six random
	 * hexadecimal digits.
	 * @param hostName the host name, or {@code null} if unknown
	 * @return the id
	 */
	static String generate(@Nullable String hostName) {
		byte[] random = new byte[3];
		RANDOM.nextBytes(random);
		String suffix = HexFormat.of().formatHex(random);
		String host = sanitize(hostName);
		return host.isEmpty() ? suffix : host + "-" + suffix;
	}

	private static String sanitize(@Nullable String hostName) {
		if (!StringUtils.hasText(hostName)) {
			return "";
		}
		String shortName = hostName.strip();
		int dot = shortName.indexOf('.');
		if (dot > 0) {
			shortName = shortName.substring(0, dot);
		}
		String clean = shortName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
		return (clean.length() > MAX_HOST_LENGTH) ? clean.substring(0, MAX_HOST_LENGTH) : clean;
	}

	private static @Nullable String localHostName() {
		for (String variable : new String[] { "HOSTNAME", "COMPUTERNAME" }) {
			String value = System.getenv(variable);
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException | SecurityException ex) {
			return null;
		}
	}

}
