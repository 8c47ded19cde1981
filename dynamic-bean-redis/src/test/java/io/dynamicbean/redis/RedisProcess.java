/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} process started by a test on a free loopback port, without persistence:
 * a master, a replica of a master, or a Sentinel. It can be killed (SIGKILL) and started again
 * on the same port. A missing binary fails the test with its install line.
 */
public final class RedisProcess implements AutoCloseable {

	/** Where Debian's {@code redis-server} package installs the server (and Sentinel). */
	public static final String BINARY = "/usr/bin/redis-server";

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly)));
	}

	private final String name;

	private final int port;

	private final List<String> command;

	private final Path directory;

	private @Nullable Process process;

	private RedisProcess(String name, int port, List<String> command, Path directory) {
		this.name = name;
		this.port = port;
		this.command = command;
		this.directory = directory;
	}

	/**
	 * Describe a master on a free port; not started.
	 * @param name a short name, for the log file
	 * @return the process
	 */
	public static RedisProcess master(String name) {
		int port = freePort();
		return server(name, port, List.of());
	}

	/**
	 * Describe a replica of a master on a free port; not started.
	 * @param name a short name, for the log file
	 * @param master the master
	 * @return the process
	 */
	public static RedisProcess replicaOf(String name, RedisProcess master) {
		return server(name, freePort(), List.of("--replicaof", "127.0.0.1", Integer.toString(master.port)));
	}

	/**
	 * Describe a Sentinel, on a free port, watching a master under the name {@code master}, with
	 * a quorum of one and one second to notice the master is down; not started.
	 * @param name a short name, for its configuration and log files
	 * @param masterName the name of the watched master
	 * @param master the master
	 * @return the process
	 */
	public static RedisProcess sentinel(String name, String masterName, RedisProcess master) {
		int port = freePort();
		Path directory = directory(name);
		Path configuration = directory.resolve("sentinel.conf");
		try {
			Files.writeString(configuration, String.join("\n", "port " + port, "bind 127.0.0.1",
					"sentinel monitor " + masterName + " 127.0.0.1 " + master.port + " 1",
					"sentinel down-after-milliseconds " + masterName + " 1000",
					"sentinel failover-timeout " + masterName + " 5000", "sentinel parallel-syncs " + masterName + " 1",
					""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new RedisProcess(name, port, List.of(binary(), configuration.toString(), "--sentinel"), directory);
	}

	private static RedisProcess server(String name, int port, List<String> extra) {
		Path directory = directory(name);
		List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory.toString()));
		command.addAll(extra);
		return new RedisProcess(name, port, command, directory);
	}

	private static String binary() {
		if (!Files.isExecutable(Path.of(BINARY))) {
			fail("redis-server not found at " + BINARY + ": run `apt-get install -y redis-server`");
		}
		return BINARY;
	}

	private static Path directory(String name) {
		try {
			return Files.createDirectories(Path.of("target", "it", "redis", name)).toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Start the process and wait until it accepts connections.
	 * @return this process
	 */
	public RedisProcess start() {
		try {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve(this.name + ".log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		started.add(this.process);
		await(this.name + " listening on " + this.port).atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(this::listening);
		return this;
	}

	private boolean listening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Kill the process (SIGKILL) and wait for it to end.
	 */
	public void kill() {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			await(this.name + " killed").atMost(Duration.ofSeconds(10)).until(() -> !running.isAlive());
			started.remove(running);
			this.process = null;
		}
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the address, {@code 127.0.0.1:port}.
	 * @return the address
	 */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		kill();
	}

}
