/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example;

import java.util.List;

import io.dynamicbean.example.testsupport.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads when the example starts with memcached down (its default profile):
 * exactly one warning, the dynamic bean factory's summary naming the missing beans and their
 * retry, and nothing from spymemcached.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupLogTests {

	@Test
	void logsExactlyOneWarningWhenMemcachedIsDown(CapturedOutput output) {
		String server = "localhost:" + FreePorts.next();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ExampleWebApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "dynamic-bean.memcached.servers=" + server)
			.run()) {
			List<String> warnings = output.getAll().lines().filter((line) -> line.contains(" WARN ")).toList();
			assertThat(warnings).as("WARN lines logged at start-up with memcached down")
				.singleElement()
				.asString()
				.contains("Application started without 3 of 3 dynamic beans")
				.contains("'memcachedClient' failed")
				.containsPattern("retried in 3[0-3] s");
			assertThat(output.getAll()).as("spymemcached's own logging").doesNotContain("net.spy.memcached");
		}
	}

}
