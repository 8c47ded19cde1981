/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

	private static final String MAIN_CLASS = "io.dynamicbean.example.ExampleWebApplication";

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
		return start(instanceId, port, logDirectory, List.of("-jar", jar().toString()), arguments);
	}

	/**
	 * Start an instance from a class path rather than the executable jar, such as an
	 * {@link #extractedJar(Path) extracted jar} with other classes ahead of it: another build of
	 * the application. Returns once it started its JVM, not once it is ready.
	 * @param instanceId the instance id, also the name of its log
	 * @param port the HTTP port
	 * @param logDirectory where its log goes
	 * @param classPath the class path, in order
	 * @param arguments further {@code --name=value} arguments
	 * @return the instance
	 */
	public static AppProcess startFromClassPath(String instanceId, int port, Path logDirectory, List<Path> classPath,
			String... arguments) {
		String path = String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
		return start(instanceId, port, logDirectory, List.of("-cp", path, MAIN_CLASS), arguments);
	}

	/**
	 * Extract the application jar with Spring Boot's jar mode ({@code -Djarmode=tools extract}) into
	 * a directory, once per directory.
	 * @param directory where to extract it
	 * @return the extracted application jar, whose manifest puts the libraries in {@code lib/} on
	 * the class path
	 */
	public static Path extractedJar(Path directory) {
		Path jar = jar();
		Path extracted = directory.resolve(jar.getFileName());
		if (Files.isRegularFile(extracted)) {
			return extracted;
		}
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", directory.toString());
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor()).as("exit status of %s:%n%s", command, output).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		assertThat(Files.isRegularFile(extracted)).as("extracted application jar %s", extracted).isTrue();
		return extracted;
	}

	private static AppProcess start(String instanceId, int port, Path logDirectory, List<String> launch,
			String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.addAll(launch);
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
