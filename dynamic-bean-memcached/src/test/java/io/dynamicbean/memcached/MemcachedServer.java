/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A real memcached process for integration tests, on a free loopback port chosen when this object
 * is created (so that a Spring context can be configured before the server runs). Started,
 * stopped, killed, frozen and resumed by the test; always cleaned up.
 *
 * <p>Use it as a JUnit extension ({@code @RegisterExtension static MemcachedServer memcached = new
 * MemcachedServer();}): after each test a frozen server is resumed, after all tests the process is
 * destroyed, whether the tests passed or not. {@link #close()} does the same by hand.
 *
 * <p>It also reads and writes memcached directly over the text protocol on a fresh socket, to
 * check what the code under test stored.
 */
public final class MemcachedServer implements AfterEachCallback, AfterAllCallback, AutoCloseable {

	private static final Path BINARY = Path.of("/usr/bin/memcached");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private @Nullable Process process;

	private boolean frozen;

	/**
	 * Create a server on a free loopback port, not started.
	 */
	public MemcachedServer() {
		this.port = freePort();
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
	 * Return the port the server listens on (or will).
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the address to configure clients with.
	 * @return {@code 127.0.0.1:port}
	 */
	public String getAddress() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Start the process and wait until it accepts connections; fails the test if memcached is not
	 * installed.
	 * @return this server
	 */
	public synchronized MemcachedServer start() {
		if (!Files.isExecutable(BINARY)) {
			throw new AssertionError("memcached not found: run `sudo apt-get install memcached`");
		}
		if (this.process != null && this.process.isAlive()) {
			return this;
		}
		try {
			this.process = new ProcessBuilder(BINARY.toString(), "-l", "127.0.0.1", "-p", String.valueOf(this.port),
					"-U", "0", "-m", "16", "-t", "2", "-u", "root")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + BINARY, ex);
		}
		Process started = this.process;
		await("memcached accepting connections on port " + this.port).atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				if (!started.isAlive()) {
					throw new AssertionError("memcached exited with " + started.exitValue() + " (port " + this.port
							+ " taken?)");
				}
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
					return true;
				}
			});
		return this;
	}

	/**
	 * Stop the process gracefully (SIGTERM) and wait for it to exit.
	 */
	public synchronized void stop() {
		end(false);
	}

	/**
	 * Kill the process (SIGKILL) and wait for it to exit.
	 */
	public synchronized void kill() {
		end(true);
	}

	private void end(boolean forcibly) {
		Process current = this.process;
		if (current == null) {
			return;
		}
		resume();
		if (forcibly) {
			current.destroyForcibly();
		}
		else {
			current.destroy();
		}
		try {
			if (!current.waitFor(10, TimeUnit.SECONDS)) {
				current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/**
	 * Freeze the process (SIGSTOP): its connections stay open, the kernel still completes new
	 * TCP handshakes, and nothing is answered.
	 */
	public synchronized void freeze() {
		signal("-STOP");
		this.frozen = true;
	}

	/**
	 * Resume a frozen process (SIGCONT). Does nothing if it is not frozen.
	 */
	public synchronized void resume() {
		if (this.frozen) {
			signal("-CONT");
			this.frozen = false;
		}
	}

	private void signal(String signal) {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException("memcached is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", signal, String.valueOf(current.pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill " + signal + " " + current.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return whether the process is running (frozen or not).
	 * @return {@code true} if running
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Read an item directly.
	 * @param key the key
	 * @return its value, or {@code null} if there is none
	 */
	public byte @Nullable [] get(String key) {
		return call((in, out) -> {
			send(out, "get " + key + "\r\n");
			String header = readLine(in);
			if (header.equals("END")) {
				return null;
			}
			String[] parts = header.split(" ");
			byte[] value = in.readNBytes(Integer.parseInt(parts[3]));
			readLine(in);
			readLine(in);
			return value;
		});
	}

	/**
	 * Return the remaining time to live of an item, with the meta protocol.
	 * @param key the key
	 * @return the seconds left, {@code -1} for an item that never expires, or {@code null} if
	 * there is no item
	 */
	public @Nullable Long ttl(String key) {
		return call((in, out) -> {
			send(out, "mg " + key + " t\r\n");
			String line = readLine(in);
			if (line.startsWith("EN")) {
				return null;
			}
			return Long.parseLong(line.substring(line.indexOf(" t") + 2).split(" ")[0]);
		});
	}

	/**
	 * Write an item directly.
	 * @param key the key
	 * @param value the value
	 */
	public void set(String key, byte[] value) {
		call((in, out) -> {
			send(out, "set " + key + " 0 0 " + value.length + "\r\n");
			out.write(value);
			send(out, "\r\n");
			String answer = readLine(in);
			if (!answer.equals("STORED")) {
				throw new IllegalStateException("memcached answered " + answer);
			}
			return null;
		});
	}

	/**
	 * Invalidate every item.
	 */
	public void flush() {
		call((in, out) -> {
			send(out, "flush_all\r\n");
			String answer = readLine(in);
			if (!answer.equals("OK")) {
				throw new IllegalStateException("memcached answered " + answer);
			}
			return null;
		});
	}

	/**
	 * Return the server's statistics.
	 * @return the {@code stats} values by name
	 */
	public Map<String, String> stats() {
		return call((in, out) -> {
			send(out, "stats\r\n");
			Map<String, String> stats = new LinkedHashMap<>();
			for (String line = readLine(in); !line.equals("END"); line = readLine(in)) {
				String[] parts = line.split(" ", 3);
				stats.put(parts[1], parts[2]);
			}
			return stats;
		});
	}

	/**
	 * Return one statistic as a number.
	 * @param name the statistic, such as {@code cmd_get}
	 * @return its value
	 */
	public long stat(String name) {
		return Long.parseLong(stats().get(name));
	}

	/**
	 * Return the number of commands that reached the server: gets, sets, deletes and touches.
	 * @return the count
	 */
	public long commands() {
		Map<String, String> stats = stats();
		return Long.parseLong(stats.get("cmd_get")) + Long.parseLong(stats.get("cmd_set"))
				+ Long.parseLong(stats.get("cmd_touch")) + Long.parseLong(stats.get("delete_hits"))
				+ Long.parseLong(stats.get("delete_misses"));
	}

	private <T> T call(Conversation<T> conversation) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(2000);
			return conversation.talk(socket.getInputStream(), socket.getOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void send(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new IOException("connection closed");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		resume();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/**
	 * Resume and destroy the process, if any.
	 */
	@Override
	public synchronized void close() {
		end(true);
	}

	@FunctionalInterface
	private interface Conversation<T> {

		T talk(InputStream in, OutputStream out) throws IOException;

	}

}
