package io.github.arispring.sample;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.github.arispring.test.simulator.AriSimulator;
import io.github.arispring.test.simulator.Call;

/**
 * Places a call into the IVR on the embedded simulator every few seconds, taking each branch
 * in turn: enter digits and {@code #}, ask for the operator with 0, or hang up during the
 * greeting.
 */
class DemoCaller implements ApplicationListener<ApplicationEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(DemoCaller.class);

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final AriSimulator simulator;

	private final IvrProperties properties;

	private final AtomicInteger calls = new AtomicInteger();

	private final ScheduledExecutorService scheduler;

	private volatile boolean stopping;

	DemoCaller(AriSimulator simulator, IvrProperties properties) {
		this.simulator = simulator;
		this.properties = properties;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("demo-caller-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent) {
			start();
		}
		else if (event instanceof ContextClosedEvent) {
			// Before the listener and the simulator stop: a demo call cut short is no failure.
			stop();
		}
	}

	private void start() {
		logger.info("Embedded ARI simulator at " + this.simulator.baseUri() + ": a demo caller dials in every "
				+ this.properties.getDemoInterval().toSeconds() + " s. Run with --ari.url=http://your-asterisk:8088 "
				+ "--ari.username=... --ari.password=... to use a real Asterisk.");
		this.scheduler.scheduleWithFixedDelay(this::call, 2, this.properties.getDemoInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void call() {
		int number = this.calls.incrementAndGet();
		String caller = "+1555010" + (number % 100);
		try {
			switch (number % 3) {
				case 1 -> enterDigits(caller);
				case 2 -> askForOperator(caller);
				default -> hangUpDuringGreeting(caller);
			}
		}
		catch (AssertionError | RuntimeException ex) {
			if (this.stopping) {
				logger.info("Demo call from " + caller + " cut short: the application is stopping");
				return;
			}
			logger.warn("Demo call from " + caller + " did not go as expected: " + ex.getMessage());
		}
	}

	private void enterDigits(String caller) {
		logger.info("Demo: " + caller + " calls and will enter 123#");
		Call call = dial(caller);
		call.awaitMediaPlayed(this.properties.getGreeting(), WAIT);
		call.pressDigits("123#");
		call.awaitMediaPlayed("digits:123", WAIT).awaitHangup(WAIT);
		logger.info("Demo: " + caller + " heard " + call.mediaPlayed() + " and was hung up");
	}

	private void askForOperator(String caller) {
		logger.info("Demo: " + caller + " calls and will press 0 for the operator");
		Call call = dial(caller);
		call.awaitMediaPlayed(this.properties.getGreeting(), WAIT);
		call.pressDigits("0");
		Call operator = this.simulator.awaitOriginated(this.properties.getOperatorEndpoint(), WAIT);
		call.awaitBridgedWith(operator.id(), WAIT);
		logger.info("Demo: " + caller + " talks to the operator " + operator.id());
		sleep(Duration.ofSeconds(2));
		call.hangUp();
		operator.awaitHangup(WAIT);
		logger.info("Demo: " + caller + " hung up; the IVR hung up the operator");
	}

	private void hangUpDuringGreeting(String caller) {
		logger.info("Demo: " + caller + " calls and hangs up during the greeting");
		Call call = dial(caller);
		call.hangUp();
		logger.info("Demo: " + caller + " hung up");
	}

	private Call dial(String caller) {
		return this.simulator.incomingCall(caller).into(this.properties.getApplication()).awaitAnswered(WAIT);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void stop() {
		this.stopping = true;
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void destroy() {
		stop();
	}

}
