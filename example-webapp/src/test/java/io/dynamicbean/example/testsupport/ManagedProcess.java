/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A server process started by a test: its output goes to a log file, and the test can stop it
 * (SIGTERM), kill it (SIGKILL), freeze and thaw it (SIGSTOP / SIGCONT) and start it again with
 * the same command.
 */
public class ManagedProcess implements AutoCloseable {

	private final String name;

	private final List<String> command;

	private final Path log;

	private @Nullable Process process;

	/** Started processes, killed if the test JVM exits without stopping them. */
	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly),
				"managed-process-reaper"));
	}

	/**
	 * Describe a process; nothing is started yet.
	 * @param name a short name, for the log file and messages
	 * @param command the command line
	 * @param logDirectory where the log file goes
	 */
	public ManagedProcess(String name, List<String> command, Path logDirectory) {
		this.name = name;
		this.command = List.copyOf(command);
		this.log = logDirectory.resolve(name + ".log");
	}

	/**
	 * Fail the test, with the line that installs it, if a server binary is missing.
	 * @param path the binary
	 * @param aptPackage the Debian package that provides it
	 * @return the path, as a string
	 */
	public static String requireBinary(String path, String aptPackage) {
		if (!Files.isExecutable(Path.of(path))) {
			fail(Path.of(path).getFileName() + " not found at " + path + ": run `apt-get install " + aptPackage + "`");
		}
		return path;
	}

	/**
	 * Start the process, appending its output to the log file.
	 * @return this process
	 */
	public ManagedProcess start() {
		assertThat(isAlive()).as("%s already running", this.name).isFalse();
		try {
			Files.createDirectories(this.log.getParent());
			Files.writeString(this.log, "=== " + String.join(" ", this.command) + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			started.add(this.process);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name + ": " + this.command, ex);
		}
	}

	/**
	 * Wait until the process accepts TCP connections on a loopback port.
	 * @param port the port
	 * @param timeout how long to wait
	 * @return this process
	 */
	public ManagedProcess awaitListening(int port, Duration timeout) {
		Awaitility.await(this.name + " listening on port " + port)
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.failFast(() -> assertThat(isAlive()).as(() -> this.name + " exited early:\n" + logTail()).isTrue())
			.until(() -> isListening(port));
		return this;
	}

	/**
	 * Whether something accepts TCP connections on a loopback port.
	 * @param port the port
	 * @return {@code true} if a connection succeeded
	 */
	public static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Stop the process with SIGTERM and wait for it to exit (SIGKILL after the grace period).
	 * @param grace how long to wait before killing it
	 */
	public void stop(Duration grace) {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Kill the process with SIGKILL, as a crash would, and wait for it to be gone.
	 */
	public void kill() {
		Process running = this.process;
		if (running != null && running.isAlive()) {
			running.destroyForcibly();
			try {
				running.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Send a signal to the process, such as {@code STOP} or {@code CONT}.
	 * @param signal the signal name
	 */
	public void signal(String signal) {
		try {
			int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start().waitFor();
			assertThat(exit).as("kill -%s %s", signal, this.name).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return the process id.
	 * @return the pid
	 */
	public long pid() {
		Process running = this.process;
		assertThat(running).as("%s started", this.name).isNotNull();
		return running.pid();
	}

	/**
	 * Whether the process runs.
	 * @return {@code true} if it was started and has not exited
	 */
	public boolean isAlive() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/**
	 * Return the last lines of the log, for failure messages.
	 * @return up to 60 lines
	 */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/**
	 * Return the log file.
	 * @return the path
	 */
	public Path log() {
		return this.log;
	}

	/**
	 * Return the name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	@Override
	public void close() {
		stop(Duration.ofSeconds(10));
	}

	@Override
	public String toString() {
		return this.name;
	}

}
