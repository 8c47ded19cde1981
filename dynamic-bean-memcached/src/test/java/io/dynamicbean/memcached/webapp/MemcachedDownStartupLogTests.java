/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.webapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads when the application starts while memcached is down: exactly one
 * warning, the dynamic bean factory's summary, and nothing from spymemcached (no client is built
 * while connections are refused).
 */
@ExtendWith(OutputCaptureExtension.class)
class MemcachedDownStartupLogTests {

	@Test
	void logsExactlyOneWarningWhenMemcachedIsDown(CapturedOutput output) {
		String server = "localhost:" + refusedPort();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "dynamic-bean.memcached.servers=" + server,
					"dynamic-bean.memcached.connect-timeout=500ms")
			.run()) {
			List<String> warnings = output.getAll().lines().filter((line) -> line.contains(" WARN ")).toList();
			assertThat(warnings).as("WARN lines logged at start-up with memcached down")
				.singleElement()
				.asString()
				.contains("Application started without 3 of 3 dynamic beans")
				.contains("'memcachedClient' failed")
				.contains(server);
			assertThat(output.getAll()).as("spymemcached's own logging").doesNotContain("net.spy.memcached");
		}
	}

	/**
	 * A loopback port nothing listens on: connections to it are refused.
	 */
	private static int refusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
