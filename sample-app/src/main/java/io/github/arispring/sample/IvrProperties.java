package io.github.arispring.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample IVR.
 */
@ConfigurationProperties("sample.ivr")
public class IvrProperties {

	/**
	 * Media played when a call is answered.
	 */
	private String greeting = "sound:hello-world";

	/**
	 * Endpoint dialled when the caller presses 0.
	 */
	private String operatorEndpoint = "Local/operator@default";

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
