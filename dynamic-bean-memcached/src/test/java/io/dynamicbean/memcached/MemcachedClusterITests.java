/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.dynamicbean.memcached.support.HashRing;
import io.dynamicbean.memcached.support.NodeHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.session.SessionIdGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link MemcachedSessionRepository} on a cluster of three real memcached
 * nodes: per-node failure, backups, a node killed, restarted empty, frozen, all nodes down.
 */
@ExtendWith(OutputCaptureExtension.class)
class MemcachedClusterITests {

	private static final String PREFIX = MemcachedSessionRepository.DEFAULT_KEY_PREFIX;

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	private static final Duration MARGIN = Duration.ofMillis(300);

	private static final int SESSIONS = 30;

	@RegisterExtension
	static final MemcachedServer node0 = new MemcachedServer();

	@RegisterExtension
	static final MemcachedServer node1 = new MemcachedServer();

	@RegisterExtension
	static final MemcachedServer node2 = new MemcachedServer();

	private final List<MemcachedServer> nodes = List.of(node0, node1, node2);

	private final List<Object> outcomes = new CopyOnWriteArrayList<>();

	private HashRing ring;

	private MemcachedCluster cluster;

	private MemcachedSessionRepository repository;

	@BeforeEach
	void startCluster() throws Exception {
		for (MemcachedServer node : this.nodes) {
			node.start();
			node.flush();
		}
		this.ring = new HashRing(addresses());
		this.cluster = generator().generate();
		this.repository = new MemcachedSessionRepository(this.cluster);
		this.cluster.setProbeFailureListener(this.outcomes::add);
	}

	@AfterEach
	void shutdownCluster() {
		if (this.cluster != null) {
			this.cluster.shutdown();
		}
	}

	private List<String> addresses() {
		return this.nodes.stream().map(MemcachedServer::getAddress).toList();
	}

	private MemcachedClientGenerator generator() {
		MemcachedClientGenerator generator = new MemcachedClientGenerator();
		generator.setServers(addresses());
		generator.setOperationTimeout(TIMEOUT);
		return generator;
	}

	@Test
	void copiesEachWriteToEveryNodeWhileTheNodesSettle() {
		List<String> ids = createSessions();
		assertThat(ids).allSatisfy((id) -> assertThat(this.nodes).as("nodes holding %s", id)
			.allSatisfy((node) -> assertThat(node.get(PREFIX + id)).isNotNull()));
	}

	@Test
	void keepsEachSessionOnItsPrimaryAndItsBackupNodeOnlyOnceTheNodesSettled() {
		this.cluster.setSettlingTime(Duration.ZERO);
		List<String> ids = createSessions();
		for (String id : ids) {
			List<Integer> order = this.ring.nodesFor(PREFIX + id);
			assertThat(this.nodes.get(order.get(0)).get(PREFIX + id)).as("item on its primary node").isNotNull();
			await("backup of " + id).atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.nodes.get(order.get(1)).get(PREFIX + id)).isNotNull());
			assertThat(this.nodes.get(order.get(2)).get(PREFIX + id)).as("item on the third node").isNull();
		}
		assertThat(IntStream.range(0, 3).map((node) -> (int) ids.stream()
			.filter((id) -> this.ring.nodesFor(PREFIX + id).get(0) == node)
			.count())).as("sessions whose primary is each node").allMatch((count) -> count > 0);
	}

	@Test
	void servesEverySessionWhileANodeIsKilledAndRestoresItsItemsWhenItRestartsEmpty(CapturedOutput output) {
		List<String> ids = createSessions();
		awaitBackups(ids);
		node1.kill();
		incrementAll(ids, 2);
		assertThat(this.outcomes).as("failed probes reported while two nodes answer").isEmpty();
		assertThat(state(1)).isNotEqualTo(NodeHealth.State.ANSWERING);
		node1.start();
		awaitAnswering(1);
		incrementAll(ids, 3);
		for (String id : primariesOn(1, ids)) {
			assertThat(node1.get(PREFIX + id)).as("item restored on its restarted primary node").isNotNull();
		}
		assertThat(output).containsOnlyOnce("Memcached node " + node1.getAddress() + " is down")
			.containsOnlyOnce("Memcached node " + node1.getAddress() + " answers again");
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN "))).as("WARN lines")
			.singleElement()
			.asString()
			.contains("is down");
	}

	@Test
	void aFrozenNodeDelaysOnlyTheRequestsWaitingOnItAndItsStaleCopiesNeverWin() {
		List<String> ids = createSessions();
		awaitBackups(ids);
		node2.freeze();
		for (int count = 2; count <= 4; count++) {
			for (String id : ids) {
				long start = System.nanoTime();
				increment(id, count);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to read and save %s", id)
					.isLessThan(TIMEOUT.plus(MARGIN));
			}
		}
		assertThat(this.outcomes).as("failed probes reported while two nodes answer").isEmpty();
		node2.resume();
		awaitAnswering(2);
		incrementAll(ids, 5);
	}

	/**
	 * A login changes the session id: the old id is tombstoned on its node, then the session is
	 * added under the new id. When the new id's primary node freezes after the tombstone is
	 * written, the save goes on to the next node instead of mistaking its own tombstone for a
	 * logout.
	 */
	@Test
	void anIdChangeWhoseNewPrimaryFreezesIsSavedOnTheNextNode() {
		String oldId = idOnNodes(0, 1);
		String newId = idOnNodes(2, 0);
		this.repository.setSessionIdGenerator(new QueuedIds(oldId, newId));
		MemcachedSession created = this.repository.createSession();
		created.setAttribute("count", 1);
		this.repository.save(created);
		node2.freeze();
		MemcachedSession session = this.repository.findById(oldId);
		assertThat(session).isNotNull();
		assertThat(session.changeSessionId()).isEqualTo(newId);
		session.setAttribute("count", 2);
		this.repository.save(session);
		assertThat(this.repository.findById(oldId)).as("session under its old id").isNull();
		MemcachedSession moved = this.repository.findById(newId);
		assertThat(moved).as("session under its new id").isNotNull();
		assertThat(moved.<Integer>getAttribute("count")).isEqualTo(2);
		node2.resume();
	}

	/**
	 * A node that never held a session cannot say it does not exist: while both its primary and
	 * its backup node are down, a look-up fails instead of answering "no session" (which the
	 * front would take for a logout), and sessions written meanwhile live on the node left.
	 */
	@Test
	void aSessionWhosePrimaryAndBackupAreDownIsNotTakenForMissing() {
		this.cluster.setSettlingTime(Duration.ZERO);
		String id = idOnNodes(0, 1);
		this.repository.setSessionIdGenerator(new QueuedIds(id));
		MemcachedSession session = this.repository.createSession();
		session.setAttribute("count", 1);
		this.repository.save(session);
		await("backup of " + id).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(node1.get(PREFIX + id)).isNotNull());
		node0.kill();
		node1.kill();

		assertThatExceptionOfType(MemcachedSessionUnknownException.class)
			.isThrownBy(() -> this.repository.findById(id))
			.withMessageContaining("cannot tell whether session '" + PREFIX + id + "' exists");
		this.repository.setSessionIdGenerator(new QueuedIds(idOnNodes(0, 1)));
		MemcachedSession created = this.repository.createSession();
		this.repository.save(created);
		assertThat(this.repository.findById(created.getId())).as("session created on the node left").isNotNull();
		assertThat(this.outcomes).as("failures reported while a node answers").isEmpty();
	}

	@Test
	void aSessionDeletedWhileItsPrimaryAnswersStaysDeletedWhenThePrimaryDies() {
		List<String> ids = createSessions();
		awaitBackups(ids);
		String id = primariesOn(0, ids).get(0);
		this.repository.deleteById(id);
		int backup = this.ring.nodesFor(PREFIX + id).get(1);
		await("tombstone on the backup node").atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.nodes.get(backup).get(PREFIX + id)).isNotNull());
		node0.kill();
		assertThat(this.repository.findById(id)).as("deleted session, read from its backup").isNull();
	}

	@Test
	void failsOnlyWhenNoNodeAnswersAndUsesANodeAsSoonAsItReturns() {
		List<String> ids = createSessions();
		this.nodes.forEach(MemcachedServer::kill);
		await("a failed probe reported once every node is down").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThatExceptionOfType(MemcachedUnavailableException.class)
				.isThrownBy(() -> this.repository.findById(ids.get(0)));
			assertThat(this.outcomes).isNotEmpty();
			assertThat(this.cluster.isDown()).isTrue();
		});
		node2.start();
		awaitAnswering(2);
		MemcachedSession session = this.repository.createSession();
		session.setAttribute("count", 1);
		this.repository.save(session);
		assertThat(node2.get(PREFIX + session.getId())).as("new session on the only node that answers").isNotNull();
		assertThat(this.repository.findById(session.getId())).isNotNull();
	}

	@Test
	void startsWithOneNodeOfThreeDownAndUsesItAsSoonAsItAnswers() throws Exception {
		this.cluster.shutdown();
		node0.kill();
		this.cluster = generator().generate();
		this.repository = new MemcachedSessionRepository(this.cluster);
		assertThat(state(0)).isEqualTo(NodeHealth.State.DOWN);
		List<String> ids = createSessions();
		assertThat(primariesOn(0, ids)).as("sessions whose primary is the node down").isNotEmpty();
		node0.start();
		awaitAnswering(0);
		incrementAll(ids, 2);
		List<String> fresh = createSessions();
		for (String id : primariesOn(0, fresh)) {
			assertThat(node0.get(PREFIX + id)).as("new session on the node that came back").isNotNull();
		}
	}

	@Test
	void startsWithOneNodeOfThreeAnsweringAndFindsEverySessionWhenTheOthersJoin() throws Exception {
		this.cluster.shutdown();
		node0.kill();
		node2.kill();
		this.cluster = generator().generate();
		this.repository = new MemcachedSessionRepository(this.cluster);
		List<String> ids = createSessions();
		assertThat(ids).as("sessions whose primary and backup are both the nodes that join later")
			.anyMatch((id) -> this.ring.nodesFor(PREFIX + id).get(2) == 1);
		node0.start();
		node2.start();
		awaitAnswering(0);
		awaitAnswering(2);
		incrementAll(ids, 2);
		incrementAll(ids, 3);
		for (String id : ids) {
			List<Integer> order = this.ring.nodesFor(PREFIX + id);
			assertThat(this.nodes.get(order.get(0)).get(PREFIX + id)).as("item back on its primary node").isNotNull();
		}
	}

	@Test
	void aDeletedSessionStaysDeletedWhenItsPrimaryAndBackupLoseTheirItems() {
		String id = createSessions().get(0);
		List<Integer> order = this.ring.nodesFor(PREFIX + id);
		assertThat(this.nodes.get(order.get(2)).get(PREFIX + id)).as("copy written on the third node while the "
				+ "nodes settled").isNotNull();
		this.cluster.setSettlingTime(Duration.ZERO);
		this.repository.deleteById(id);
		this.nodes.get(order.get(0)).flush();
		this.nodes.get(order.get(1)).flush();
		assertThat(this.repository.findById(id)).as("deleted session, its primary and backup emptied").isNull();
	}

	@Test
	void aNodeThatAnswersGarbageIsLeftAloneAndTheOthersServeEverySession() throws Exception {
		try (GarbageServer garbage = new GarbageServer(GarbageServer::junk)) {
			assertTheOthersServeEverySessionBeside(garbage);
		}
	}

	@Test
	void aNodeWhoseAnswerClaimsMoreBytesThanAnArrayHoldsIsLeftAloneAndTheOthersServeEverySession() throws Exception {
		try (GarbageServer garbage = new GarbageServer(GarbageServer::impossibleLength)) {
			assertTheOthersServeEverySessionBeside(garbage);
		}
	}

	private void assertTheOthersServeEverySessionBeside(GarbageServer garbage) throws Exception {
		this.cluster.shutdown();
		List<String> servers = List.of(node0.getAddress(), node1.getAddress(), garbage.address());
		MemcachedClientGenerator generator = generator();
		generator.setServers(servers);
		this.cluster = generator.generate();
		this.repository = new MemcachedSessionRepository(this.cluster);
		this.ring = new HashRing(servers);
		List<String> ids = createSessions();
		assertThat(primariesOn(2, ids)).as("sessions whose primary is the garbage node").isNotEmpty();
		for (String id : ids) {
			long start = System.nanoTime();
			increment(id, 2);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to read and save %s", id)
				.isLessThan(TIMEOUT.plus(MARGIN));
		}
		assertThat(state(2)).isNotEqualTo(NodeHealth.State.ANSWERING);
	}

	private List<String> createSessions() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			MemcachedSession session = this.repository.createSession();
			session.setAttribute("count", 1);
			this.repository.save(session);
			ids.add(session.getId());
		}
		return ids;
	}

	private void awaitBackups(List<String> ids) {
		await("backups written").atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(ids)
				.allSatisfy((id) -> assertThat(this.nodes.get(this.ring.nodesFor(PREFIX + id).get(1)).get(PREFIX + id))
					.isNotNull()));
	}

	private void incrementAll(List<String> ids, int expected) {
		for (String id : ids) {
			increment(id, expected);
		}
	}

	private void increment(String id, int expected) {
		MemcachedSession session = this.repository.findById(id);
		assertThat(session).as("session %s", id).isNotNull();
		assertThat(session.<Integer>getAttribute("count")).as("count of %s before this increment", id)
			.isEqualTo(expected - 1);
		session.setAttribute("count", expected);
		this.repository.save(session);
	}

	private List<String> primariesOn(int node, List<String> ids) {
		return ids.stream().filter((id) -> this.ring.nodesFor(PREFIX + id).get(0) == node).toList();
	}

	/**
	 * Return a new id whose primary and backup are the given nodes.
	 */
	private String idOnNodes(int primary, int backup) {
		return Stream.generate(() -> UUID.randomUUID().toString())
			.filter((id) -> this.ring.nodesFor(PREFIX + id).subList(0, 2).equals(List.of(primary, backup)))
			.findFirst()
			.orElseThrow();
	}

	private NodeHealth.State state(int node) {
		return this.cluster.getNodes().get(node).state();
	}

	private void awaitAnswering(int node) {
		await("node " + node + " answering").atMost(Duration.ofSeconds(5))
			.until(() -> state(node) == NodeHealth.State.ANSWERING);
	}

	/**
	 * Hands out the given ids in order.
	 */
	private static final class QueuedIds implements SessionIdGenerator {

		private final Queue<String> ids;

		QueuedIds(String... ids) {
			this.ids = new ArrayDeque<>(List.of(ids));
		}

		@Override
		public String generate() {
			return this.ids.remove();
		}

	}

	/**
	 * A TCP server that answers whatever it receives with garbage, as a misconfigured port would.
	 */
	private static final class GarbageServer implements AutoCloseable {

		private static final byte[] JUNK = "HTTP/1.1 400 garbage \u0000\u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1);

		private final ServerSocket socket;

		private final UnaryOperator<byte[]> answers;

		/**
		 * Create a server.
		 * @param answers what to answer to the bytes of one read
		 */
		GarbageServer(UnaryOperator<byte[]> answers) throws IOException {
			this.answers = answers;
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(this::serve, "garbage-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		/**
		 * Bytes that are no memcached answer at all.
		 */
		static byte[] junk(byte[] request) {
			return JUNK;
		}

		/**
		 * The header of a binary answer to the first request read, for its command and its opaque,
		 * whose body is longer than any Java array.
		 */
		static byte[] impossibleLength(byte[] request) {
			byte[] header = new byte[24];
			if (request.length < header.length) {
				return JUNK;
			}
			header[0] = (byte) 0x81;
			header[1] = request[1];
			header[8] = 0x7f;
			header[9] = (byte) 0xff;
			header[10] = (byte) 0xff;
			header[11] = (byte) 0xff;
			System.arraycopy(request, 12, header, 12, 4);
			return header;
		}

		String address() {
			return "127.0.0.1:" + this.socket.getLocalPort();
		}

		private void serve() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					Thread answerer = new Thread(() -> answer(connection), "garbage-answerer");
					answerer.setDaemon(true);
					answerer.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void answer(Socket connection) {
			byte[] buffer = new byte[4096];
			try (connection) {
				int read;
				while ((read = connection.getInputStream().read(buffer)) >= 0) {
					connection.getOutputStream().write(this.answers.apply(Arrays.copyOf(buffer, read)));
					connection.getOutputStream().flush();
				}
			}
			catch (IOException ex) {
				// the client hung up
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
