/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.dynamicbean.DynamicGeneratorAdapter;
import io.dynamicbean.memcached.support.ConnectionProbe;
import io.dynamicbean.memcached.support.InlineListenerExecutor;
import io.dynamicbean.memcached.support.NodePinningConnectionFactory;
import io.dynamicbean.memcached.support.SpyMemcachedLogger;
import io.dynamicbean.session.StoreRetryRules;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Generates the {@link MemcachedCluster}, bean {@code memcachedClient}: one spymemcached
 * {@link MemcachedClient} connected to every server, with one I/O thread for all of them, on which
 * the cluster sends each operation to the server it chooses; and proves that at least one server
 * answers before handing it out.
 *
 * <p>The client is tuned to fail fast rather than wait: a short operation timeout, operations
 * cancelled at once while their server is disconnected ({@link FailureMode#Cancel}: no retry
 * queue), a server's connection dropped after a few consecutive timeouts, reconnection attempts
 * at most {@value #MAX_RECONNECT_DELAY_SECONDS} s apart, a full operation queue refused after one
 * operation timeout, a daemon I/O thread, and completion listeners run on that I/O thread rather
 * than handed to a thread pool (the store's only listener counts a backup write done). The
 * cluster spreads keys over the servers with consistent (ketama) hashing and routes around a
 * server that fails.
 *
 * <p>{@link #generate()} takes at most the connect timeout, counted from its start, for the
 * servers to accept a connection and answer a {@code version} request. When none does, or when a
 * host name cannot be resolved, it throws {@link MemcachedUnavailableException}: an outage,
 * retried after the delay. When some do, the others start down and are used as soon as they
 * answer. A client built for a failed attempt is shut down on a short-lived thread of its own
 * (its I/O thread ends moments later), so that the attempt never outlasts the timeout.
 *
 * <p>Defaults: servers {@code localhost:11211}, binary protocol, operation timeout 200 ms, connect
 * timeout 1 s, retry delay 30 s.
 *
 * <p>Spymemcached logs to standard error unless told otherwise; unless the system property
 * {@code net.spy.log.LoggerImpl} is set, this class points it at {@link SpyMemcachedLogger}:
 * commons-logging, one level lower, exceptions on one line.
 */
public class MemcachedClientGenerator extends DynamicGeneratorAdapter<MemcachedCluster> {

	/** Name of the generated bean, kept from the versions that generated a single client. */
	public static final String BEAN_NAME = "memcachedClient";

	/** Default servers. */
	public static final List<String> DEFAULT_SERVERS = List.of("localhost:11211");

	/** Default protocol. */
	public static final ConnectionFactoryBuilder.Protocol DEFAULT_PROTOCOL = ConnectionFactoryBuilder.Protocol.BINARY;

	/** Default time to wait for any operation. */
	public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMillis(200);

	/** Default time to wait for a server to connect and answer during generation. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);

	/** Default delay between generation attempts. */
	public static final Duration DEFAULT_DELAY = Duration.ofSeconds(30);

	/** Longest wait between two reconnection attempts of the client to one server. */
	public static final int MAX_RECONNECT_DELAY_SECONDS = 1;

	/** Consecutive timeouts after which the client drops a server's connection and reconnects. */
	public static final int TIMEOUT_EXCEPTION_THRESHOLD = 4;

	private static final Duration IO_THREAD_JOIN_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(MemcachedClientGenerator.class);

	static {
		SpyMemcachedLogger.install();
	}


	private List<String> servers = DEFAULT_SERVERS;

	private ConnectionFactoryBuilder.Protocol protocol = DEFAULT_PROTOCOL;

	private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;

	private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

	private Duration delay = DEFAULT_DELAY;

	/**
	 * Create a generator of the bean {@value #BEAN_NAME}.
	 */
	public MemcachedClientGenerator() {
		setBeanName(BEAN_NAME);
	}

	@Override
	public MemcachedCluster generate() throws Exception {
		long deadline = System.nanoTime() + this.connectTimeout.toNanos();
		List<InetSocketAddress> addresses = resolve(this.servers);
		try {
			ConnectionProbe.awaitAcceptingServer(addresses, remaining(deadline));
		}
		catch (ConnectionProbe.ProbeFailedException ex) {
			throw unavailable(ex.getMessage());
		}
		ConnectionFactoryBuilder builder = connectionFactoryBuilder();
		ConnectionProbe probe = new ConnectionProbe(builder.build().getOperationFactory());
		MemcachedClient client = new MemcachedClient(
				new NodePinningConnectionFactory(builder.setInitialObservers(List.of(probe)).build()), addresses);
		try {
			return cluster(client, probeAll(client, addresses, probe, deadline));
		}
		catch (InterruptedException ex) {
			shutdownInBackground(client);
			Thread.currentThread().interrupt();
			throw new MemcachedUnavailableException("Interrupted while waiting for memcached servers " + this.servers,
					ex);
		}
		catch (Exception | Error ex) {
			shutdownInBackground(client);
			throw ex;
		}
	}

	/**
	 * Probe every server at once, until each answered or failed, or the deadline passed.
	 * @return per server, its answer or why it has none
	 */
	private static AtomicReferenceArray<Object> probeAll(MemcachedClient client, List<InetSocketAddress> addresses,
			ConnectionProbe probe, long deadline) throws InterruptedException {
		AtomicReferenceArray<Object> outcomes = new AtomicReferenceArray<>(addresses.size());
		CountDownLatch done = new CountDownLatch(addresses.size());
		for (int i = 0; i < addresses.size(); i++) {
			int node = i;
			Thread thread = new Thread(() -> {
				try {
					outcomes.set(node, probe.awaitAnswer(client, addresses.get(node), remaining(deadline)));
				}
				catch (ConnectionProbe.ProbeFailedException ex) {
					outcomes.set(node, ex.getMessage());
				}
				catch (InterruptedException ex) {
					outcomes.set(node, "interrupted");
				}
				finally {
					done.countDown();
				}
			}, "memcached-node-probe-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		done.await(remaining(deadline).toNanos() + TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.NANOSECONDS);
		return outcomes;
	}

	private MemcachedCluster cluster(MemcachedClient client, AtomicReferenceArray<Object> outcomes)
			throws MemcachedUnavailableException {
		List<String> answered = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		String version = null;
		for (int i = 0; i < outcomes.length(); i++) {
			if (outcomes.get(i) instanceof ConnectionProbe.Answer answer) {
				answered.add(this.servers.get(i));
				version = answer.version();
			}
			else {
				failures.add(this.servers.get(i) + ": " + ((outcomes.get(i) != null) ? outcomes.get(i) : "no answer"));
			}
		}
		if (answered.isEmpty()) {
			throw unavailable(String.join("; ", failures));
		}
		MemcachedCluster cluster = MemcachedCluster.ofNodesOf(this.servers, client, Clock.systemUTC());
		for (int i = 0; i < outcomes.length(); i++) {
			if (!(outcomes.get(i) instanceof ConnectionProbe.Answer)) {
				cluster.health(i).downAtStart("no answer within the " + this.connectTimeout.toMillis()
						+ " ms connect timeout: " + outcomes.get(i));
			}
		}
		logger.info("Memcached " + version + " answered at " + answered + " (servers " + this.servers + ", "
				+ this.protocol.name().toLowerCase() + " protocol, operation timeout "
				+ this.operationTimeout.toMillis() + " ms)");
		return cluster;
	}

	private MemcachedUnavailableException unavailable(String why) {
		return new MemcachedUnavailableException("No memcached server of " + this.servers + " answered within the "
				+ this.connectTimeout.toMillis() + " ms connect timeout: " + why, null);
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
	}

	/**
	 * Return the connection settings of the client this generator builds, without observers.
	 * Override to tune spymemcached further (keep the fail-fast settings, or requests will wait).
	 * Its locator is not used: the cluster chooses the node of every operation.
	 * @return a builder for the connection factory
	 */
	protected ConnectionFactoryBuilder connectionFactoryBuilder() {
		return new ConnectionFactoryBuilder().setProtocol(this.protocol)
			.setOpTimeout(this.operationTimeout.toMillis())
			.setOpQueueMaxBlockTime(this.operationTimeout.toMillis())
			.setFailureMode(FailureMode.Cancel)
			.setTimeoutExceptionThreshold(TIMEOUT_EXCEPTION_THRESHOLD)
			.setMaxReconnectDelay(MAX_RECONNECT_DELAY_SECONDS)
			.setUseNagleAlgorithm(false)
			.setListenerExecutorService(InlineListenerExecutor.INSTANCE)
			.setDaemon(true);
	}

	private static List<InetSocketAddress> resolve(List<String> servers) throws MemcachedUnavailableException {
		List<InetSocketAddress> addresses = new ArrayList<>(servers.size());
		for (String server : servers) {
			InetSocketAddress unresolved = parse(server);
			InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
			if (address.isUnresolved()) {
				throw new MemcachedUnavailableException("Memcached server '" + server + "' cannot be resolved: unknown "
						+ "host '" + unresolved.getHostString() + "'", null);
			}
			addresses.add(address);
		}
		return addresses;
	}

	private static InetSocketAddress parse(String server) {
		int colon = server.lastIndexOf(':');
		Assert.isTrue(colon > 0 && colon < server.length() - 1, () -> "Memcached server '" + server
				+ "' is not of the form host:port; fix dynamic-bean.memcached.servers");
		String host = server.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		try {
			return InetSocketAddress.createUnresolved(host, Integer.parseInt(server.substring(colon + 1)));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Memcached server '" + server + "' has no valid port; fix "
					+ "dynamic-bean.memcached.servers", ex);
		}
	}

	/**
	 * Shut a half-built client down on a thread of its own, so that a failed attempt takes no
	 * longer than the connect timeout; its I/O thread ends moments later.
	 */
	private static void shutdownInBackground(MemcachedClient client) {
		Thread thread = new Thread(() -> shutdown(client), "memcached-client-shutdown");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Shut a client down and wait for its I/O thread to end.
	 * @param client the client
	 */
	static void shutdown(MemcachedClient client) {
		client.shutdown();
		try {
			client.getConnection().join(IO_THREAD_JOIN_TIMEOUT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public int getDelaySeconds() {
		return Math.toIntExact(this.delay.toSeconds());
	}

	/**
	 * Set the memcached servers.
	 * @param servers {@code host:port} entries (IPv6 hosts in brackets), not empty, each listed
	 * once; by default {@code localhost:11211}
	 */
	public void setServers(List<String> servers) {
		Assert.notEmpty(servers, "servers must not be empty: set dynamic-bean.memcached.servers to host:port entries");
		List<String> trimmed = servers.stream().map(String::trim).filter(StringUtils::hasText).toList();
		Assert.notEmpty(trimmed, "servers must not be empty: set dynamic-bean.memcached.servers to host:port entries");
		trimmed.forEach(MemcachedClientGenerator::parse);
		Set<String> distinct = new HashSet<>();
		for (String server : trimmed) {
			Assert.isTrue(distinct.add(server), () -> "Memcached server '" + server
					+ "' is listed twice; fix dynamic-bean.memcached.servers");
		}
		this.servers = trimmed;
	}

	/**
	 * Return the memcached servers.
	 * @return the {@code host:port} entries
	 */
	public List<String> getServers() {
		return this.servers;
	}

	/**
	 * Set the protocol.
	 * @param protocol the protocol, not {@code null}; {@link ConnectionFactoryBuilder.Protocol#BINARY}
	 * by default
	 */
	public void setProtocol(ConnectionFactoryBuilder.Protocol protocol) {
		Assert.notNull(protocol, "protocol must not be null");
		this.protocol = protocol;
	}

	/**
	 * Set how long any memcached operation may take before it fails.
	 * @param operationTimeout a positive duration of at least 1 ms; 200 ms by default
	 */
	public void setOperationTimeout(Duration operationTimeout) {
		Assert.isTrue(operationTimeout != null && operationTimeout.toMillis() > 0,
				"operationTimeout must be at least 1 ms: fix dynamic-bean.memcached.operation-timeout");
		this.operationTimeout = operationTimeout;
	}

	/**
	 * Return how long any memcached operation may take.
	 * @return the operation timeout
	 */
	public Duration getOperationTimeout() {
		return this.operationTimeout;
	}

	/**
	 * Set how long {@link #generate()} waits for a server to accept a connection and answer.
	 * @param connectTimeout a positive duration of at least 1 ms; 1 s by default
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		Assert.isTrue(connectTimeout != null && connectTimeout.toMillis() > 0,
				"connectTimeout must be at least 1 ms: fix dynamic-bean.memcached.connect-timeout");
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Set the delay between generation attempts while memcached is unavailable.
	 * @param delay whole seconds, zero (never retried automatically) or positive; 30 s by default
	 */
	public void setDelay(Duration delay) {
		this.delay = StoreRetryRules.checkRetryDelay(delay, "dynamic-bean.memcached.retry-delay");
	}

}
