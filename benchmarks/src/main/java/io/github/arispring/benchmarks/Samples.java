package io.github.arispring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded Asterisk frames and bodies, read from the classpath (the module packages them
 * from the auto-configuration's test resources).
 */
final class Samples {

	/** Every recorded events stream but the one made of a single ApplicationReplaced, which is logged as an error. */
	static final List<String> FLOWS = List.of("1-inbound-answer-play-hangup", "2-mixing-bridge", "3-dtmf-received",
			"4-record-2s-stop", "5-originate-channelid-far-end-hangup", "6-application-replaced.second-socket",
			"x-2b-mixing-bridge-no-subscription", "x-5b-create-then-dial-far-end-hangup",
			"x-attended-transfer-subscribe-all", "x-blind-transfer-subscribe-all", "x-bridge-moh-record-snoop",
			"x-broadcast-claim", "x-broadcast-claim.bcast-b", "x-iax2-endpoint-subscription",
			"x-iax2-endpoint-subscription.subscribe-all", "x-misc-events", "x-rest-samples");

	static final String USER = "asterisk";

	static final String PASSWORD = "s3cret";

	private Samples() {
	}

	/** The frames of a recorded flow, one per line. */
	static List<String> flow(String name) {
		List<String> frames = new ArrayList<>();
		for (String line : text("flows/" + name + ".jsonl").split("\n")) {
			if (!line.isBlank()) {
				frames.add(line.strip());
			}
		}
		return frames;
	}

	/** Every frame of every flow in {@link #FLOWS}, flow after flow. */
	static List<String> allFlows() {
		List<String> frames = new ArrayList<>();
		FLOWS.forEach((flow) -> frames.addAll(flow(flow)));
		return frames;
	}

	static String text(String resource) {
		try (InputStream in = Samples.class.getResourceAsStream("/ari-samples/" + resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource ari-samples/" + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String basicAuth() {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
