package io.github.arispring.test.simulator;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.arispring.model.AriDateTime;
import io.github.arispring.model.AsteriskInfo;
import io.github.arispring.model.AsteriskPing;
import io.github.arispring.model.BuildInfo;
import io.github.arispring.model.ConfigInfo;
import io.github.arispring.model.SetId;
import io.github.arispring.model.StatusInfo;
import io.github.arispring.model.SystemInfo;
import io.github.arispring.model.Variable;

/**
 * The {@code /asterisk} resource: info, ping and global variables.
 */
final class Asterisk {

	/** The build date in /asterisk/info has its own format: {@code 2026-11-28 03:02:23 UTC}. */
	private static final DateTimeFormatter BUILD_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
			Locale.ROOT);

	private final SimulatorState state;

	private final Map<String, String> globals = new HashMap<>();

	private final OffsetDateTime startupTime;

	Asterisk(SimulatorState state) {
		this.state = state;
		this.startupTime = state.now();
	}

	AsteriskInfo info(List<String> only) {
		boolean all = only.isEmpty();
		BuildInfo build = new BuildInfo("Linux", "simulated", "OPTIONAL_API", "x86_64",
				BUILD_DATE.format(this.startupTime.atZoneSameInstant(ZoneOffset.UTC)), "root", null);
		SystemInfo system = new SystemInfo(SimulatorState.VERSION, this.state.id(), null);
		ConfigInfo config = new ConfigInfo("", "en", null, null, null, new SetId("", "", null), null);
		StatusInfo status = new StatusInfo(this.startupTime, this.startupTime, null);
		return new AsteriskInfo((all || only.contains("build")) ? build : null,
				(all || only.contains("system")) ? system : null, (all || only.contains("config")) ? config : null,
				(all || only.contains("status")) ? status : null, null);
	}

	AsteriskPing ping() {
		return new AsteriskPing(this.state.id(), "pong", AriDateTime.format(this.state.now()), null);
	}

	Variable globalVariable(@Nullable String name) {
		SimulatorState.requireVariableName(name);
		return this.state.read(() -> new Variable(this.globals.getOrDefault(name, ""), null));
	}

	void setGlobalVariable(@Nullable String name, @Nullable String value) {
		SimulatorState.requireVariableName(name);
		this.state.locked(() -> this.globals.put(name, (value != null) ? value : ""));
	}

	/** Under the lock. */
	void reset() {
		this.globals.clear();
	}

}
