package io.github.arispring.test.junit;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.github.arispring.test.simulator.AriSimulator;

/**
 * Runs an {@link AriSimulator} for plain JUnit 5 tests and injects it into test and lifecycle
 * methods.
 * <p>
 * Registered on a static field or with {@code @ExtendWith}, one simulator serves the whole test
 * class and is {@link AriSimulator#reset() reset} after each test; registered on an instance
 * field, each test gets its own:
 * <pre class="code">
 * &#064;RegisterExtension
 * static final AriSimulatorExtension ari = new AriSimulatorExtension();
 *
 * &#064;Test
 * void answers() {
 *     Call call = ari.simulator().incomingCall("+15551234").into("ivr");
 *     ...
 * }
 * </pre>
 */
public class AriSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
		AfterAllCallback, ParameterResolver {

	private final Supplier<AriSimulator> factory;

	private volatile @Nullable AriSimulator simulator;

	private volatile boolean perClass;

	/** The class that started a per-class simulator; nested classes share it. */
	private volatile @Nullable String owner;

	/**
	 * An extension running simulators with the default settings.
	 */
	public AriSimulatorExtension() {
		this(AriSimulator::create);
	}

	/**
	 * An extension running simulators with other settings.
	 * @param builder the settings, such as {@code AriSimulator.builder().credentials("app", "secret")}
	 */
	public AriSimulatorExtension(AriSimulator.Builder builder) {
		this(builder::build);
	}

	private AriSimulatorExtension(Supplier<AriSimulator> factory) {
		this.factory = factory;
	}

	/**
	 * The running simulator.
	 * @return the simulator
	 * @throws IllegalStateException outside a test
	 */
	public AriSimulator simulator() {
		AriSimulator running = this.simulator;
		if (running == null) {
			throw new IllegalStateException("The ARI simulator runs only while a test runs");
		}
		return running;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.perClass) {
			return;
		}
		this.perClass = true;
		this.owner = context.getUniqueId();
		this.simulator = this.factory.get().start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!this.perClass) {
			this.simulator = this.factory.get().start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		AriSimulator running = this.simulator;
		if (this.perClass && running != null) {
			running.reset();
		}
		else {
			stop();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (context.getUniqueId().equals(this.owner)) {
			stop();
			this.perClass = false;
			this.owner = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == AriSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return simulator();
	}

	private void stop() {
		AriSimulator running = this.simulator;
		this.simulator = null;
		if (running != null) {
			running.stop();
		}
	}

}
