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

	/**
	 * Describe a node of a Redis Cluster on a free port, with a node timeout of two seconds; not
	 * started. Start the nodes, then {@link #createCluster(List)}.
	 * @param name a short name, for its directory and log file
	 * @return the process
	 */
	public static RedisProcess clusterNode(String name) {
		int port = freePort();
		Path directory = directory(name);
		return server(name, port, List.of("--cluster-enabled", "yes", "--cluster-config-file",
				directory.resolve("nodes-" + port + ".conf").toString(), "--cluster-node-timeout", "2000"));
	}

	/**
	 * Make a cluster of the given running nodes, all masters, with {@code redis-cli --cluster create},
	 * and wait until each node reports {@code cluster_state:ok}.
	 * @param nodes the nodes
	 */
	public static void createCluster(List<RedisProcess> nodes) {
		List<String> command = new ArrayList<>(List.of(cli(), "--cluster", "create"));
		nodes.forEach((node) -> command.add(node.address()));
		command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Path log = nodes.get(0).directory.resolve("cluster-create.log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			await("redis-cli --cluster create").atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
			if (process.exitValue() != 0) {
				fail("redis-cli --cluster create failed; see " + log);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (RedisProcess node : nodes) {
			await("cluster state of " + node.name).atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> node.cli("cluster", "info").contains("cluster_state:ok"));
		}
	}

	private String cli(String... arguments) {
		List<String> command = new ArrayList<>(List.of(cli(), "-h", "127.0.0.1", "-p", Integer.toString(this.port)));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor();
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String cli() {
		String path = "/usr/bin/redis-cli";
		if (!Files.isExecutable(Path.of(path))) {
			fail("redis-cli not found at " + path + ": run `apt-get install -y redis-server`");
		}
		return path;
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
