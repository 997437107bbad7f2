package io.github.arispring.benchmarks.startup;

import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.event.StasisStart;

/**
 * A minimal Spring Boot application on the starter: auto-configuration and one
 * {@code @StasisEventHandler} bean. Reports when {@link ApplicationReadyEvent} arrives, then
 * exits.
 */
@SpringBootApplication
public class StartupApp {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StartupApp.class);
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
			System.out.println("RESULT startup.uptimeMs=" + uptime);
			System.out.println("RESULT startup.springMs=" + event.getTimeTaken().toMillis());
			System.out.flush();
		});
		ConfigurableApplicationContext context = application.run(args);
		System.exit(SpringApplication.exit(context));
	}

	/** The application's one handler. */
	@Component
	static class CallHandler {

		@StasisEventHandler
		void onStart(StasisStart event) {
		}

	}

}
