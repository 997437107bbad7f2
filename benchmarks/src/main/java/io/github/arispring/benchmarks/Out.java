package io.github.arispring.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a scenario reports: {@code RESULT key=value} lines on standard output, which
 * {@link RunAll} collects, and progress lines.
 */
final class Out {

	private Out() {
	}

	static void result(String key, Object value) {
		System.out.println("RESULT " + key + "=" + value);
		System.out.flush();
	}

	static void progress(String format, Object... args) {
		System.out.println("PROGRESS " + String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

	static int[] ints(String commaSeparated) {
		return Arrays.stream(commaSeparated.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
