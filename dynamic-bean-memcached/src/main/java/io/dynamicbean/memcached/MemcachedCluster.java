/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.dynamicbean.memcached.support.HashRing;
import io.dynamicbean.memcached.support.MemcachedExpiry;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.MemcachedNode.Written;
import io.dynamicbean.memcached.support.NodeHealth;
import io.dynamicbean.memcached.support.NodePinningConnectionFactory;
import io.dynamicbean.memcached.support.NodePinningLocator;
import io.dynamicbean.memcached.support.RevisionTranscoder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.MemcachedClient;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The memcached nodes of the session store: one spymemcached client connected to every node, with
 * one I/O thread for all of them, each node reached through a {@link MemcachedNode} that sends
 * operations to that node only; a consistent-hash ring (ketama: MD5, 160 points per node) that
 * gives each key its primary node, its backup node and the nodes it goes to when those fail; and
 * the health of each node. A node whose operation failed is left alone by requests and probed in
 * the background, at once and then every {@link #DEFAULT_PROBE_INTERVAL probe interval}, until it
 * answers again; after {@link #DEFAULT_DOWN_THRESHOLD} consecutive failures it is down, logged once
 * at WARN, and its return is logged once at INFO, with the number of attempts the client made to
 * reconnect to it meanwhile.
 *
 * <p>Each node keeps a generation marker, a random value added when it is missing: a node restarted
 * empty gets a new one, which tells the session front that the sessions it held may be lost (see
 * {@link #generationOf}). It is read by each probe and, after the client reconnected to the node,
 * at its next use.
 *
 * <p>Backup writes are sent without waiting for them, at most {@value #MAX_PENDING_BACKUP_WRITES}
 * pending per node; past that they are dropped and counted ({@link #getDroppedBackupWrites()}).
 *
 * <p>{@link #shutdown()} stops the probes and shuts the client down; it runs when the bean is
 * destroyed.
 *
 * <p>A cluster {@link #withManualProbes made with manual probes} runs no thread and reads no time
 * but its clock's: a test or a simulation drives it.
 */
public class MemcachedCluster {

	/** Default time between two probes of a node that is not answering. */
	public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(250);

	/** Default number of consecutive failures after which a node is down. */
	public static final int DEFAULT_DOWN_THRESHOLD = 3;

	/**
	 * How long after a node last changed state (or the cluster was created) the nodes are
	 * settling: instances notice a change at slightly different moments, and until every one has,
	 * some write a session's copies to other nodes than its primary and backup.
	 */
	public static final Duration SETTLING_TIME = Duration.ofSeconds(10);

	/**
	 * How many answering nodes a key is read from and written to while its nodes settle: its
	 * primary, its backup, and the next node, which takes the key in the view of an instance that
	 * sees one of them not answering.
	 */
	public static final int SETTLING_SPREAD = 3;

	/** Backup writes waiting for an answer of one node, past which more are dropped. */
	public static final int MAX_PENDING_BACKUP_WRITES = 1000;

	/**
	 * Writes held for one node that did not answer when they were made, past which more are
	 * dropped: see {@link #handOff}.
	 */
	public static final int MAX_HANDED_OFF_WRITES = 10_000;

	/**
	 * The key of each node's generation marker, outside the space of session keys (a session id
	 * has at least 16 characters and no ':').
	 */
	static final String GENERATION_KEY = "dynamic-bean:node-generation";

	private final List<Member> members;

	private final HashRing ring;

	private final long timeoutMillis;

	private final Clock clock;

	private final LongSupplier ticker;

	private final Supplier<String> newGenerations;

	private volatile Duration settlingTime = SETTLING_TIME;

	private final AtomicLong droppedBackupWrites = new AtomicLong();

	private final @Nullable ScheduledExecutorService prober;

	private volatile Consumer<MemcachedUnavailableException> probeFailureListener = (failure) -> {
	};

	/**
	 * Create a cluster of the nodes of a client connected to each of them.
	 * @param addresses the {@code host:port} of each node, in the order of the client's addresses
	 * @param client a client made by a {@link NodePinningConnectionFactory}
	 * @param clock the clock that stamps the nodes' state changes
	 */
	static MemcachedCluster ofNodesOf(List<String> addresses, MemcachedClient client, Clock clock) {
		Assert.notNull(client, "client must not be null");
		Assert.isInstanceOf(NodePinningLocator.class, client.getConnection().getLocator(),
				"client must be made by a NodePinningConnectionFactory");
		NodePinningLocator locator = (NodePinningLocator) client.getConnection().getLocator();
		List<MemcachedNode> nodes = new ArrayList<>(locator.size());
		for (int i = 0; i < locator.size(); i++) {
			nodes.add(SpyMemcachedNode.nodeOf(client, locator, i));
		}
		MemcachedCluster cluster = new MemcachedCluster(addresses, nodes, clock, System::nanoTime,
				() -> UUID.randomUUID().toString(), true);
		client.addObserver(cluster.new ReconnectObserver(locator));
		return cluster;
	}

	private MemcachedCluster(List<String> addresses, List<MemcachedNode> nodes, Clock clock, LongSupplier ticker,
			Supplier<String> newGenerations, boolean backgroundProbes) {
		Assert.notEmpty(nodes, "nodes must not be empty");
		Assert.isTrue(addresses.size() == nodes.size(), "One address per node");
		List<Member> members = new ArrayList<>(nodes.size());
		for (int i = 0; i < nodes.size(); i++) {
			NodeHealth health = new NodeHealth(addresses.get(i), DEFAULT_DOWN_THRESHOLD, clock);
			members.add(new Member(nodes.get(i), health, new AtomicInteger(), new LinkedHashMap<>(),
					new AtomicReference<>()));
		}
		this.members = List.copyOf(members);
		this.ring = new HashRing(addresses);
		this.timeoutMillis = nodes.get(0).getOperationTimeoutMillis();
		this.clock = clock;
		this.ticker = ticker;
		this.newGenerations = newGenerations;
		this.prober = backgroundProbes ? startProber() : null;
	}

	private ScheduledExecutorService startProber() {
		ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "memcached-node-probe");
			thread.setDaemon(true);
			return thread;
		});
		long interval = DEFAULT_PROBE_INTERVAL.toMillis();
		prober.scheduleWithFixedDelay(this::probeFailingNodes, interval, interval, TimeUnit.MILLISECONDS);
		return prober;
	}

	/**
	 * Create a cluster whose failing nodes are probed only when {@link #probeFailingNodes()} is
	 * called, and whose every wait is measured on its clock: for tests and simulations that drive
	 * time and probes themselves. No thread is started.
	 * @param addresses the {@code host:port} (or any name) of each node, in the order of
	 * {@code nodes}
	 * @param nodes the nodes
	 * @param clock the clock that stamps the nodes' state changes and measures waits
	 * @return the cluster
	 */
	public static MemcachedCluster withManualProbes(List<String> addresses, List<MemcachedNode> nodes, Clock clock) {
		return withManualProbes(addresses, nodes, clock, new SplittableRandom(addresses.hashCode()));
	}

	/**
	 * Create a cluster with manual probes, as {@link #withManualProbes(List, List, Clock)}, whose
	 * nodes' generation markers are drawn from the given source, so that a seeded simulation
	 * replays exactly.
	 * @param addresses the {@code host:port} (or any name) of each node, in the order of
	 * {@code nodes}
	 * @param nodes the nodes
	 * @param clock the clock that stamps the nodes' state changes and measures waits
	 * @param random the source of the generation markers this cluster writes
	 * @return the cluster
	 */
	public static MemcachedCluster withManualProbes(List<String> addresses, List<MemcachedNode> nodes, Clock clock,
			RandomGenerator random) {
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(random, "random must not be null");
		return new MemcachedCluster(addresses, nodes, clock, () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()),
				() -> Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()), false);
	}

	/**
	 * Create a cluster of one node on a client, which may itself spread keys over several servers.
	 * @param client the client
	 * @return the cluster
	 */
	public static MemcachedCluster of(MemcachedClient client) {
		Assert.notNull(client, "client must not be null");
		String name = client.getAvailableServers().isEmpty() ? "memcached"
				: String.valueOf(client.getAvailableServers().iterator().next());
		MemcachedCluster cluster = new MemcachedCluster(List.of(name), List.of(SpyMemcachedNode.ofClient(client)),
				Clock.systemUTC(), System::nanoTime, () -> UUID.randomUUID().toString(), true);
		client.addObserver(cluster.new ReconnectObserver(null));
		return cluster;
	}

	/**
	 * Return the state of each node, in configuration order.
	 * @return the nodes' states
	 */
	public List<NodeStatus> getNodes() {
		return this.members.stream()
			.map((member) -> new NodeStatus(member.health().getAddress(), member.health().getState(),
					member.health().getSince()))
			.toList();
	}

	/**
	 * Tell whether some node answers.
	 * @return whether any node is answering
	 */
	public boolean isAnswering() {
		return this.members.stream().anyMatch((member) -> member.health().isAnswering());
	}

	/**
	 * Tell whether every node is down: failed {@link #DEFAULT_DOWN_THRESHOLD} times in a row.
	 * @return whether all nodes are down
	 */
	public boolean isDown() {
		return this.members.stream().allMatch((member) -> member.health().getState() == NodeHealth.State.DOWN);
	}

	/**
	 * Tell whether a key's nodes are settled: none of the nodes it may live on in any instance's
	 * view changed state for the {@link #SETTLING_TIME settling time}. Those are the first
	 * {@value #SETTLING_SPREAD} nodes of its ring order, and its first {@value #SETTLING_SPREAD}
	 * answering nodes. A node that changes state unsettles only the keys that may live on it:
	 * with N nodes, about {@value #SETTLING_SPREAD} keys in N.
	 * @param key the key
	 * @return whether the key's nodes are settled
	 */
	boolean isSettled(String key) {
		if (this.settlingTime.isZero()) {
			return true;
		}
		Instant settledSince = this.clock.instant().minus(this.settlingTime);
		int seen = 0;
		int answering = 0;
		for (Integer node : this.ring.nodesFor(key)) {
			if (seen >= SETTLING_SPREAD && answering >= SETTLING_SPREAD) {
				break;
			}
			NodeHealth health = this.members.get(node).health();
			if (health.getSince().isAfter(settledSince)) {
				return false;
			}
			seen++;
			if (health.isAnswering()) {
				answering++;
			}
		}
		return true;
	}

	/**
	 * List the nodes a key is read from and written to while it is not {@link #isSettled(String)
	 * settled}: its first {@value #SETTLING_SPREAD} answering nodes, in ring order.
	 */
	List<Integer> settlingNodesFor(String key) {
		List<Integer> answering = answeringNodesFor(key);
		return answering.subList(0, Math.min(SETTLING_SPREAD, answering.size()));
	}

	/**
	 * Set the settling time, {@link #SETTLING_TIME} by default.
	 */
	void setSettlingTime(Duration settlingTime) {
		this.settlingTime = settlingTime;
	}

	/**
	 * Return how many backup writes were dropped because their node had too many pending.
	 * @return the count since the cluster was created
	 */
	public long getDroppedBackupWrites() {
		return this.droppedBackupWrites.get();
	}

	/**
	 * Return the operation timeout of the clients.
	 * @return milliseconds
	 */
	long getOperationTimeoutMillis() {
		return this.timeoutMillis;
	}

	int size() {
		return this.members.size();
	}

	/**
	 * The spymemcached client of a cluster made of one.
	 */
	MemcachedClient client() {
		return ((SpyMemcachedNode) node(0)).client();
	}

	MemcachedNode node(int node) {
		return this.members.get(node).node();
	}

	/**
	 * Read the ticker that measures waits, in nanoseconds: {@link System#nanoTime()}, or the
	 * clock of a cluster {@link #withManualProbes with manual probes}.
	 */
	long nanoTime() {
		return this.ticker.getAsLong();
	}

	NodeHealth health(int node) {
		return this.members.get(node).health();
	}

	/**
	 * List the answering nodes of a key, in ring order: its primary first.
	 */
	List<Integer> answeringNodesFor(String key) {
		List<Integer> answering = new ArrayList<>(this.members.size());
		for (Integer node : this.ring.nodesFor(key)) {
			if (this.members.get(node).health().isAnswering()) {
				answering.add(node);
			}
		}
		return answering;
	}

	/**
	 * List the nodes that hold a key when every node answers: its primary, and with backups its
	 * backup node.
	 */
	List<Integer> homeNodesFor(String key, boolean withBackup) {
		List<Integer> order = this.ring.nodesFor(key);
		return order.subList(0, (withBackup && order.size() > 1) ? 2 : 1);
	}

	/**
	 * Send a backup write without waiting for it, unless the node has too many pending.
	 */
	void backup(int node, String key, int expiry, RevisionTranscoder.Item item) {
		Member member = this.members.get(node);
		if (member.pendingBackups().incrementAndGet() > MAX_PENDING_BACKUP_WRITES) {
			member.pendingBackups().decrementAndGet();
			this.droppedBackupWrites.incrementAndGet();
			return;
		}
		try {
			member.node().set(key, expiry, item).whenDone(() -> member.pendingBackups().decrementAndGet());
		}
		catch (RuntimeException ex) {
			member.pendingBackups().decrementAndGet();
			this.droppedBackupWrites.incrementAndGet();
		}
	}

	/**
	 * Hold a write for a node that does not answer, to be made on it when a probe finds it
	 * answering again, before requests are sent to it: a tombstone must reach a node that held
	 * the session when the logout was made, or its copy would answer again when it returns.
	 * The write replaces one held for the same key; at most {@value #MAX_HANDED_OFF_WRITES} are
	 * held per node, past which more are dropped and counted with the backup writes dropped.
	 * @param node the node
	 * @param key the key
	 * @param expiresAt when the item expires, {@code null} for never
	 * @param item the revision and bytes
	 */
	void handOff(int node, String key, @Nullable Instant expiresAt, RevisionTranscoder.Item item) {
		Map<String, HandedOff> held = this.members.get(node).handedOff();
		synchronized (held) {
			if (held.size() >= MAX_HANDED_OFF_WRITES && !held.containsKey(key)) {
				this.droppedBackupWrites.incrementAndGet();
				return;
			}
			held.put(key, new HandedOff(expiresAt, item));
		}
	}

	/**
	 * Make the writes held for a node, in the order they were held.
	 * @throws Exception if the node did not answer one of them: the others are kept
	 */
	private void deliverHandedOff(Member member) throws Exception {
		Map<String, HandedOff> held = member.handedOff();
		while (true) {
			Map.Entry<String, HandedOff> next;
			synchronized (held) {
				if (held.isEmpty()) {
					return;
				}
				next = held.entrySet().iterator().next();
			}
			HandedOff write = next.getValue();
			Instant now = this.clock.instant();
			if (write.expiresAt() == null || now.isBefore(write.expiresAt())) {
				member.node().set(next.getKey(), MemcachedExpiry.of(write.expiresAt(), now), write.item())
					.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			}
			synchronized (held) {
				held.remove(next.getKey(), write);
			}
		}
	}

	/**
	 * Record that an operation on a node failed; a node that was answering is probed at once,
	 * then every probe interval.
	 */
	void failed(int node, String reason) {
		NodeHealth health = this.members.get(node).health();
		boolean wasAnswering = health.isAnswering();
		health.failed(reason);
		if (wasAnswering && this.prober != null) {
			try {
				this.prober.execute(this::probeFailingNodes);
			}
			catch (RuntimeException ex) {
				// shut down: nothing to probe any more
			}
		}
	}

	/**
	 * Probe each node that is not answering, waiting for each within the operation timeout;
	 * called in the background every probe interval, unless the cluster has
	 * {@link #withManualProbes manual probes}.
	 */
	public void probeFailingNodes() {
		for (Member member : this.members) {
			if (!member.health().isAnswering()) {
				probe(member);
			}
		}
	}

	private void probe(Member member) {
		try {
			readGeneration(member);
			deliverHandedOff(member);
			member.health().succeeded();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			member.health().failed("probe: " + ex);
			if (!isAnswering()) {
				this.probeFailureListener.accept(new MemcachedUnavailableException("Memcached probe of node "
						+ member.health().getAddress() + " failed, and no node answers: " + ex, ex));
			}
		}
	}

	/**
	 * Return the generation of a node's data: the value of its generation marker, which a node
	 * restarted empty has new. Known from the last probe or read of it; read now, within one
	 * operation timeout, when asked or not known (at its first use, and after the client
	 * reconnected to the node) and the node answers.
	 * @param node the node
	 * @param readAgain whether to read it again when the node answers
	 * @return the generation, or {@code null} if not known and the node cannot be read now
	 */
	@Nullable String generationOf(int node, boolean readAgain) {
		Member member = this.members.get(node);
		String generation = member.generation().get();
		if ((generation != null && !readAgain) || !member.health().isAnswering()) {
			return generation;
		}
		try {
			return readGeneration(member);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return generation;
		}
		catch (Exception ex) {
			return generation;
		}
	}

	/**
	 * Tell the cluster that the connection to a node was made again: the node may have restarted
	 * empty, so its generation is read again at its next use. The clients of a cluster of
	 * spymemcached clients tell it themselves; a simulation tells a cluster with manual probes.
	 * @param node the node
	 */
	public void reconnected(int node) {
		this.members.get(node).generation().set(null);
	}

	/**
	 * Read a node's generation marker, adding a new one when it is missing, and remember it.
	 * @return the generation, or {@code null} when the node answered but keeps no marker (it
	 * refuses writes)
	 * @throws Exception when the node does not answer in time
	 */
	private @Nullable String readGeneration(Member member) throws Exception {
		MemcachedNode node = member.node();
		byte[] value = node.get(GENERATION_KEY).get(this.timeoutMillis, TimeUnit.MILLISECONDS);
		if (value == null) {
			byte[] fresh = this.newGenerations.get().getBytes(StandardCharsets.US_ASCII);
			Written added = node.add(GENERATION_KEY, 0, new RevisionTranscoder.Item(0, fresh))
				.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			value = added.isStored() ? fresh : node.get(GENERATION_KEY).get(this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
		String generation = (value != null) ? new String(value, StandardCharsets.US_ASCII) : null;
		member.generation().set(generation);
		return generation;
	}

	/**
	 * Set what is told of a failed probe while no node answers, so that an outage of every node is
	 * noticed as fast with no requests as with many; the
	 * {@link MemcachedSessionRepositoryGenerator} reports it to the session store's failure monitor.
	 */
	void setProbeFailureListener(Consumer<MemcachedUnavailableException> probeFailureListener) {
		this.probeFailureListener = probeFailureListener;
	}

	/**
	 * Stop probing and shut the client down.
	 */
	public void shutdown() {
		if (this.prober != null) {
			this.prober.shutdownNow();
		}
		this.members.forEach((member) -> member.node().shutdown());
	}

	/**
	 * The state of one node.
	 * @param address its {@code host:port}
	 * @param state answering, failing or down
	 * @param since when it entered that state
	 */
	public record NodeStatus(String address, NodeHealth.State state, Instant since) {
	}

	private record Member(MemcachedNode node, NodeHealth health, AtomicInteger pendingBackups,
			Map<String, HandedOff> handedOff, AtomicReference<@Nullable String> generation) {
	}

	private record HandedOff(@Nullable Instant expiresAt, RevisionTranscoder.Item item) {
	}

	/**
	 * Tells the health of a node how many attempts the client made to reconnect to it, and forgets
	 * the node's generation, which a node restarted empty has new.
	 */
	private final class ReconnectObserver implements ConnectionObserver {

		private final @Nullable NodePinningLocator locator;

		ReconnectObserver(@Nullable NodePinningLocator locator) {
			this.locator = locator;
		}

		@Override
		public void connectionEstablished(SocketAddress address, int reconnectCount) {
			int node = (this.locator != null) ? this.locator.indexOf(address) : 0;
			if (node >= 0) {
				Member member = MemcachedCluster.this.members.get(node);
				member.health().reconnected(reconnectCount);
				member.generation().set(null);
			}
		}

		@Override
		public void connectionLost(SocketAddress address) {
		}

	}

}
