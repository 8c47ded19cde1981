/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.OperationFactory;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Proves that memcached answers, in two steps sharing one deadline. Before a client is built,
 * {@link #awaitAcceptingServer} checks with plain TCP connections that some server accepts one, so
 * that an outage costs no client (and no I/O thread) and a refused connection fails at once. Once
 * the client is built, {@link #awaitAnswer} waits, for one server, until the client's connection to
 * it is established and it answers a {@code version} request: a connection alone proves
 * little, since the kernel completes TCP handshakes for a process that is frozen
 * ({@code SIGSTOP}) or hung.
 *
 * <p>Register the probe as an initial observer of the client's connection factory, so that it
 * sees the first connection whenever it happens.
 */
public final class ConnectionProbe implements ConnectionObserver {

	private final Map<SocketAddress, CountDownLatch> connected = new ConcurrentHashMap<>();

	private final OperationFactory operations;

	/**
	 * Create a probe.
	 * @param operations the operation factory of the client's protocol
	 */
	public ConnectionProbe(OperationFactory operations) {
		Assert.notNull(operations, "operations must not be null");
		this.operations = operations;
	}

	/**
	 * Wait until some server accepts a TCP connection, trying them in turn.
	 * @param addresses the resolved server addresses
	 * @param timeout how long to wait in all
	 * @throws ProbeFailedException if none accepted a connection in time
	 */
	public static void awaitAcceptingServer(List<InetSocketAddress> addresses, Duration timeout)
			throws ProbeFailedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<String> failures = new ArrayList<>();
		for (InetSocketAddress address : addresses) {
			int remaining = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
			try (Socket socket = new Socket()) {
				socket.connect(address, remaining);
				return;
			}
			catch (IOException ex) {
				failures.add(address + ": " + ex.getMessage());
			}
			if (deadline - System.nanoTime() <= 0) {
				break;
			}
		}
		throw new ProbeFailedException("no server accepted a connection (" + String.join("; ", failures) + ")");
	}

	@Override
	public void connectionEstablished(SocketAddress address, int reconnectCount) {
		connectedTo(address).countDown();
	}

	@Override
	public void connectionLost(SocketAddress address) {
	}

	private CountDownLatch connectedTo(SocketAddress address) {
		return this.connected.computeIfAbsent(address, (connecting) -> new CountDownLatch(1));
	}

	/**
	 * Wait until one server of the client answers.
	 * @param client the client to probe
	 * @param server the server's address, one of the client's
	 * @param timeout how long to wait in all, for the connection and for the answer
	 * @return the address and version of the server
	 * @throws ProbeFailedException if the server did not answer in time
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public Answer awaitAnswer(MemcachedClient client, InetSocketAddress server, Duration timeout)
			throws ProbeFailedException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		if (!connectedTo(server).await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			throw new ProbeFailedException("no connection accepted");
		}
		List<MemcachedNode> nodes = client.getConnection()
			.getLocator()
			.getAll()
			.stream()
			.filter((candidate) -> candidate.getSocketAddress().equals(server) && candidate.isActive())
			.toList();
		AtomicReference<@Nullable Answer> answer = new AtomicReference<>();
		CountDownLatch answered = new CountDownLatch(1);
		client.broadcastOp((connected, latch) -> this.operations.version(new OperationCallback() {

			@Override
			public void receivedStatus(OperationStatus status) {
				if (status.isSuccess()
						&& answer.compareAndSet(null, new Answer(connected.getSocketAddress(), status.getMessage()))) {
					answered.countDown();
				}
			}

			@Override
			public void complete() {
				latch.countDown();
			}

		}), nodes);
		long remaining = Math.max(deadline - System.nanoTime(), 0);
		Answer received = answered.await(remaining, TimeUnit.NANOSECONDS) ? answer.get() : null;
		if (received == null) {
			throw new ProbeFailedException("a connection was established, but the server did not answer a version "
					+ "request (is the memcached process frozen or overloaded?)");
		}
		return received;
	}

	/**
	 * The answer to the probe.
	 * @param address the server that answered
	 * @param version the version it reported
	 */
	public record Answer(SocketAddress address, String version) {
	}

	/**
	 * Thrown when the server did not answer the probe in time.
	 */
	public static final class ProbeFailedException extends Exception {

		ProbeFailedException(String message) {
			super(message);
		}

	}

}
