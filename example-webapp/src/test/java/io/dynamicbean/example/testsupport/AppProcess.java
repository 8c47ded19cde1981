/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example application, started from its executable jar as a separate JVM, the way an
 * operator runs it: its own port, instance id and arguments.
 */
public final class AppProcess implements AutoCloseable {

	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
			"-XX:+UseSerialGC", "-Xss512k");

	private final ManagedProcess process;

	private final int port;

	private AppProcess(ManagedProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start an instance; returns once it started its JVM, not once it is ready.
	 * @param instanceId the instance id, also the name of its log
	 * @param port the HTTP port
	 * @param logDirectory where its log goes
	 * @param arguments further {@code --name=value} arguments
	 * @return the instance
	 */
	public static AppProcess start(String instanceId, int port, Path logDirectory, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.add("-jar");
		command.add(jar().toString());
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.add("--example.instance-id=" + instanceId);
		command.add("--spring.lifecycle.timeout-per-shutdown-phase=5s");
		command.addAll(List.of(arguments));
		return new AppProcess(new ManagedProcess(instanceId, command, logDirectory).start(), port);
	}

	private static Path jar() {
		String configured = System.getProperty("example.jar");
		Path jar = (configured != null) ? Path.of(configured) : Path.of("target", "example-webapp-0.1.0-SNAPSHOT.jar");
		assertThat(Files.isRegularFile(jar)).as("the application jar %s exists: run `./mvnw -pl example-webapp verify`",
				jar).isTrue();
		return jar;
	}

	/**
	 * Wait until the instance answers its L7 check.
	 * @param timeout how long to wait
	 * @return this instance
	 */
	public AppProcess awaitReady(Duration timeout) {
		this.process.awaitListening(this.port, timeout);
		org.awaitility.Awaitility.await(this.process.name() + " ready")
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.failFast(() -> assertThat(this.process.isAlive()).as(() -> this.process.name() + " exited:\n"
					+ this.process.logTail()).isTrue())
			.until(() -> WebClient.status(uri("/monitor/l7check")) == 200);
		return this;
	}

	/**
	 * Return the address of a path on this instance.
	 * @param path the path, starting with {@code /}
	 * @return the URI
	 */
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * Return the HTTP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the process.
	 * @return the process
	 */
	public ManagedProcess process() {
		return this.process;
	}

	@Override
	public void close() {
		this.process.stop(Duration.ofSeconds(15));
	}

}
