package io.github.arispring.call;

import org.jspecify.annotations.Nullable;

/**
 * The digits {@code collectDigits} collected and why it stopped.
 *
 * @param value the digits, without the terminator; empty if none were pressed
 * @param terminator the key that ended the input, such as {@code #}, or {@code null}
 * @param completion why the collection stopped
 */
public record Digits(String value, @Nullable String terminator, Completion completion) {

	/**
	 * Whether no digit was collected.
	 * @return whether the value is empty
	 */
	public boolean isEmpty() {
		return this.value.isEmpty();
	}

	/**
	 * Why a digit collection stopped.
	 */
	public enum Completion {

		/** A terminator key was pressed. */
		TERMINATOR,

		/** The maximum number of digits was reached. */
		MAX_DIGITS,

		/** No further digit came within the inter-digit time-out. */
		INTER_DIGIT_TIMEOUT,

		/** The total time-out passed (also when no digit came at all). */
		TOTAL_TIMEOUT

	}

}
