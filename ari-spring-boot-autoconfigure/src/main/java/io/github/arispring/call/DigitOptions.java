package io.github.arispring.call;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code collectDigits} collects: at most {@code maxDigits}, ended early by one of the
 * {@code terminators}, waiting up to {@code totalTimeout} for the whole input (the first digit
 * included) and up to {@code interDigitTimeout} between two digits.
 *
 * @param maxDigits the most digits to collect
 * @param terminators keys that end the input, such as {@code "#"}; empty for none
 * @param interDigitTimeout the longest wait between two digits
 * @param totalTimeout the longest wait for the whole input
 */
public record DigitOptions(int maxDigits, String terminators, Duration interDigitTimeout, Duration totalTimeout) {

	/** The terminator unless told otherwise. */
	public static final String DEFAULT_TERMINATORS = "#";

	/** The inter-digit time-out unless told otherwise. */
	public static final Duration DEFAULT_INTER_DIGIT_TIMEOUT = Duration.ofSeconds(5);

	/** The total time-out unless told otherwise. */
	public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(30);

	public DigitOptions {
		if (maxDigits < 1) {
			throw new IllegalArgumentException("maxDigits must be at least 1, not " + maxDigits);
		}
		Objects.requireNonNull(terminators, "terminators");
		requirePositive(interDigitTimeout, "interDigitTimeout");
		requirePositive(totalTimeout, "totalTimeout");
	}

	/**
	 * Collects up to a number of digits, ended by {@code #}, 5 s between digits, 30 s in all.
	 * @param maxDigits the most digits to collect
	 * @return the options
	 */
	public static DigitOptions upTo(int maxDigits) {
		return new DigitOptions(maxDigits, DEFAULT_TERMINATORS, DEFAULT_INTER_DIGIT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT);
	}

	/**
	 * These options with other terminators.
	 * @param terminators keys that end the input; empty for none
	 * @return the options
	 */
	public DigitOptions terminators(String terminators) {
		return new DigitOptions(this.maxDigits, terminators, this.interDigitTimeout, this.totalTimeout);
	}

	/**
	 * These options with another inter-digit time-out.
	 * @param timeout the longest wait between two digits
	 * @return the options
	 */
	public DigitOptions interDigitTimeout(Duration timeout) {
		return new DigitOptions(this.maxDigits, this.terminators, timeout, this.totalTimeout);
	}

	/**
	 * These options with another total time-out.
	 * @param timeout the longest wait for the whole input
	 * @return the options
	 */
	public DigitOptions totalTimeout(Duration timeout) {
		return new DigitOptions(this.maxDigits, this.terminators, this.interDigitTimeout, timeout);
	}

	boolean isTerminator(String digit) {
		return !digit.isEmpty() && this.terminators.contains(digit);
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, not " + duration);
		}
	}

}
