package io.github.arispring.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample IVR.
 */
@ConfigurationProperties("sample.ivr")
public class IvrProperties {

	/**
	 * Stasis application the demo caller dials into; one of ari.applications.
	 */
	private String application = "sample-ivr";

	/**
	 * Time between two demo calls on the embedded simulator.
	 */
	private Duration demoInterval = Duration.ofSeconds(6);

	/**
	 * Media played when a call is answered.
	 */
	private String greeting = "sound:hello-world";

	/**
	 * Endpoint dialled when the caller presses 0.
	 */
	private String operatorEndpoint = "Local/operator@default";

	public String getApplication() {
		return this.application;
	}

	public void setApplication(String application) {
		this.application = application;
	}

	public Duration getDemoInterval() {
		return this.demoInterval;
	}

	public void setDemoInterval(Duration demoInterval) {
		this.demoInterval = demoInterval;
	}

	public String getGreeting() {
		return this.greeting;
	}

	public void setGreeting(String greeting) {
		this.greeting = greeting;
	}

	public String getOperatorEndpoint() {
		return this.operatorEndpoint;
	}

	public void setOperatorEndpoint(String operatorEndpoint) {
		this.operatorEndpoint = operatorEndpoint;
	}

}
