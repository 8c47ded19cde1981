/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A PostgreSQL server started by a test from Debian's {@code postgresql} package: {@code initdb}
 * into {@code target/it/postgres/<name>} (trust authentication, user {@code postgres}), then
 * {@code pg_ctl} on a free loopback port. As root, both run as the {@code postgres} user, which
 * owns the data directory. A missing binary fails the test with its install line.
 */
public final class PostgresProcess implements AutoCloseable {

	private static final String INSTALL = "apt-get install -y postgresql";

	private final Path bin;

	private final Path directory;

	private final Path data;

	private final int port;

	private boolean running;

	private final Thread stopOnExit = new Thread(this::stop, "postgres-stop-on-exit");

	/**
	 * Create a fresh database cluster on a free port; not started.
	 * @param name a short name, for its directory
	 */
	public PostgresProcess(String name) {
		this.bin = binaries();
		this.directory = Path.of("target", "it", "postgres", name).toAbsolutePath();
		this.data = this.directory.resolve("data");
		this.port = freePort();
		try {
			deleteRecursively(this.directory);
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		chownToPostgres(this.directory);
		run(List.of(this.bin.resolve("initdb").toString(), "-D", this.data.toString(), "-U", "postgres", "--auth=trust",
				"-E", "UTF8", "--no-sync"));
	}

	/**
	 * Find the newest {@code /usr/lib/postgresql/<version>/bin}.
	 */
	private static Path binaries() {
		Path root = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(root)) {
			try (Stream<Path> versions = Files.list(root)) {
				Path bin = versions.map((version) -> version.resolve("bin"))
					.filter((candidate) -> Files.isExecutable(candidate.resolve("pg_ctl"))
							&& Files.isExecutable(candidate.resolve("initdb")))
					.max(Comparator.comparing((candidate) -> versionOf(candidate.getParent())))
					.orElse(null);
				if (bin != null) {
					return bin;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return fail("PostgreSQL's initdb and pg_ctl not found under /usr/lib/postgresql/*/bin: run `" + INSTALL + "`");
	}

	private static int versionOf(Path directory) {
		try {
			return Integer.parseInt(directory.getFileName().toString().replaceAll("\\D.*", ""));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * Start the server and wait until it accepts connections.
	 * @return this process
	 */
	public PostgresProcess start() {
		run(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-l",
				this.directory.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
				"-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
		this.running = true;
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
		return this;
	}

	/**
	 * Stop the server at once ({@code pg_ctl stop -m immediate}: every connection is cut, as in a
	 * crash).
	 */
	public void stop() {
		if (this.running) {
			run(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-m", "immediate", "-w",
					"stop"));
			this.running = false;
			if (Thread.currentThread() != this.stopOnExit) {
				Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
			}
		}
	}

	/**
	 * Return the JDBC URL of the {@code postgres} database.
	 * @return the URL
	 */
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		stop();
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void chownToPostgres(Path directory) {
		if (isRoot()) {
			runCommand(List.of("chown", "-R", "postgres:", directory.toString()), directory);
		}
	}

	private void run(List<String> command) {
		List<String> asUser = new ArrayList<>();
		if (isRoot()) {
			asUser.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		asUser.addAll(command);
		runCommand(asUser, this.directory);
	}

	private static void runCommand(List<String> command, Path directory) {
		File log = directory.resolve("commands.log").toFile();
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
				.start();
			assertThat(process.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS)).as("%s finished", command)
				.isTrue();
			assertThat(process.exitValue()).as("exit code of %s (output in %s)", command, log).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

}
