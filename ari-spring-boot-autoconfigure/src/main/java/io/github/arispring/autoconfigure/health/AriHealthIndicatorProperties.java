package io.github.arispring.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the ARI health indicator.
 */
@ConfigurationProperties("management.health.ari")
public class AriHealthIndicatorProperties {

	/**
	 * Time allowed for Asterisk's answer to GET /asterisk/info before the health is DOWN.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
