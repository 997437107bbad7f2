package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.arispring.event.ChannelDtmfReceived;

/**
 * DTMF on channels: {@code POST /channels/{id}/dtmf} from the application, and the caller
 * pressing keys in the scenario API.
 */
final class Dtmf {

	private static final String DTMF_DIGITS = "0123456789*#ABCD";

	private final SimulatorState state;

	Dtmf(SimulatorState state) {
		this.state = state;
	}

	/**
	 * {@code POST /channels/{id}/dtmf}: the other half of a Local pair receives the digits, as in
	 * the recorded flow; any other far end is simulated and only noted for {@link Call#dtmfSent()}.
	 */
	void send(String channelId, @Nullable String dtmf, int before, int between, int duration) {
		this.state.locked(() -> {
			SimChannel channel = this.state.channels.controlledInValidState(channelId);
			if (dtmf == null || dtmf.isEmpty()) {
				throw AriError.badRequest("DTMF is required");
			}
			channel.dtmfSent.append(dtmf);
			SimChannel receiver = channel.peer;
			if (receiver != null) {
				sendDigits(receiver, dtmf, duration, Duration.ofMillis(before), Duration.ofMillis(duration + between));
			}
		});
	}

	/** The caller presses keys: ChannelDtmfReceived for each digit on the caller's channel. */
	void press(SimChannel channel, String digits) {
		for (char digit : digits.toCharArray()) {
			if (DTMF_DIGITS.indexOf(Character.toUpperCase(digit)) < 0) {
				throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit (0-9, *, #, A-D)");
			}
		}
		this.state.locked(() -> {
			if (channel.hangingUp) {
				throw new IllegalStateException("Channel " + channel.id + " has hung up");
			}
			sendDigits(channel, digits, this.state.settings.dtmfDurationMs(), Duration.ZERO,
					this.state.settings.dtmfInterval());
		});
	}

	private void sendDigits(SimChannel receiver, String digits, int durationMs, Duration first, Duration interval) {
		List<String> valid = digits.chars()
			.mapToObj((digit) -> String.valueOf((char) Character.toUpperCase(digit)))
			.filter((digit) -> DTMF_DIGITS.contains(digit))
			.toList();
		if (first.isZero() && interval.isZero()) {
			valid.forEach((digit) -> digitReceived(receiver, digit, durationMs));
			return;
		}
		for (int i = 0; i < valid.size(); i++) {
			String digit = valid.get(i);
			this.state.later(first.plus(interval.multipliedBy(i)), () -> digitReceived(receiver, digit, durationMs));
		}
	}

	private void digitReceived(SimChannel channel, String digit, int durationMs) {
		if (channel.hangingUp) {
			return;
		}
		this.state.emit(new ChannelDtmfReceived("ChannelDtmfReceived", this.state.now(), digit, durationMs,
				channel.snapshot(), this.state.id(), null, null), channel.subscribers);
		SimRecording recording = channel.recording;
		if (recording != null && recording.terminatesOn(digit)) {
			this.state.recordings.finish(recording, "done");
		}
	}

}
