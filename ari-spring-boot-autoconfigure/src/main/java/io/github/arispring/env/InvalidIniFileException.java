package io.github.arispring.env;

/**
 * An INI file has a line that is neither a {@code [section]}, a {@code key=value} pair, a
 * comment nor blank. Names the file and the line number so that start-up says where to
 * look, but not the line itself: it may hold a password.
 */
public class InvalidIniFileException extends IllegalStateException {

	private final String file;

	private final int lineNumber;

	private final String problem;

	/**
	 * Creates an exception.
	 * @param file the file's path, or its resource's description if it is no file
	 * @param lineNumber the line number, from 1
	 * @param problem what is wrong with the line
	 */
	public InvalidIniFileException(String file, int lineNumber, String problem) {
		super("Invalid INI file " + file + ", line " + lineNumber + ": " + problem);
		this.file = file;
		this.lineNumber = lineNumber;
		this.problem = problem;
	}

	/**
	 * The file's path, such as {@code /etc/phpari.ini}, or its resource's description if it
	 * is no file.
	 * @return the file
	 */
	public String file() {
		return this.file;
	}

	/**
	 * The number of the offending line, from 1.
	 * @return the line number
	 */
	public int lineNumber() {
		return this.lineNumber;
	}

	/**
	 * What is wrong with the line.
	 * @return the problem
	 */
	public String problem() {
		return this.problem;
	}

}
