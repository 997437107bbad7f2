package io.github.arispring.test.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the simulator that {@link AutoConfigureAriSimulator} starts; its attributes set them.
 */
@ConfigurationProperties("ari.simulator")
public class AriSimulatorProperties {

	/**
	 * ARI user the simulator accepts.
	 */
	private String username = "asterisk";

	/**
	 * Password of that user.
	 */
	private String password = "asterisk";

	/**
	 * How long each media item plays; tones play until stopped.
	 */
	private Duration mediaDuration = Duration.ofMillis(50);

	/**
	 * How long the far end of an originated call takes to answer.
	 */
	private Duration answerDelay = Duration.ofMillis(20);

	/**
	 * Largest number of HTTP connections open at once, the events WebSocket included, as
	 * sessionlimit in Asterisk's http.conf; connections beyond it are closed before an answer.
	 */
	private int sessionLimit = 100;

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Duration getMediaDuration() {
		return this.mediaDuration;
	}

	public void setMediaDuration(Duration mediaDuration) {
		this.mediaDuration = mediaDuration;
	}

	public Duration getAnswerDelay() {
		return this.answerDelay;
	}

	public void setAnswerDelay(Duration answerDelay) {
		this.answerDelay = answerDelay;
	}

	public int getSessionLimit() {
		return this.sessionLimit;
	}

	public void setSessionLimit(int sessionLimit) {
		this.sessionLimit = sessionLimit;
	}

}
