/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.Servers;
import io.dynamicbean.example.testsupport.TrafficLoop;
import io.dynamicbean.example.testsupport.TrafficLoop.Exchange;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.web.SessionView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A memcached cluster whose nodes are missing when the application boots, through a real
 * cluster: three memcached nodes of which only some are started, two application instances, and
 * HAProxy balancing round-robin, sticky only on the affinity cookie. Logged-in sessions keep
 * incrementing their counter while the missing nodes stay down for {@code it.node-boot.seconds}
 * (5 by default) and after they start: no request fails, no login is lost, no counter goes back,
 * sessions are served from memcached from the moment a node answers and never leave it, both
 * instances agree on every counter, and new users log in through the balancer. The
 * {@code dynamicbeans} actuator endpoint shows each node's state on both instances, and each
 * instance logs one WARN per node down, one INFO per node back, and no stack trace.
 *
 * <p>Each scenario boots a cluster of its own, since what it tests is the boot.
 */
class NodeBootITests {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Path LOGS = Path.of("target", "it", "node-boot");

	private static final Duration DOWN = Duration.ofSeconds(Long.getLong("it.node-boot.seconds", 5));

	private static final int SESSIONS = 10;

	private static final int NEW_LOGINS = 5;

	private static final Duration INTERVAL = Duration.ofMillis(100);

	/** What a loaded 2-core machine meets reliably; the target, 50 ms, is in docs/reliability.md. */
	private static final Duration P99_BOUND = Duration.ofMillis(1000);

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void bootWithOneNodeOfThreeDownThenStartIt() {
		try (Cluster cluster = Cluster.boot("one-down", 2)) {
			cluster.awaitOnMemcached();
			cluster.assertNodeStates("ANSWERING", "ANSWERING", "DOWN");
			Run run = cluster.run("memcached", List.of(() -> cluster.startNode(2)));
			run.printFigures();
			run.assertNoFailureNoLostLoginNoStepBack();
			run.assertFromMemcachedFrom(run.started());
			run.assertP99Within(P99_BOUND);
			cluster.awaitNodeStates("ANSWERING", "ANSWERING", "ANSWERING");
			cluster.assertInstancesAgree(run.clients());
			cluster.assertLogged(List.of(2), List.of(2));
		}
	}

	/**
	 * Every node down at boot, then one returns, then the two others: sessions start local, each
	 * kept on its instance by the affinity cookie, move into memcached on the first node, and
	 * stay there while the others join.
	 */
	@Test
	void bootWithEveryNodeDownThenOneReturnsThenTheOthers() {
		try (Cluster cluster = Cluster.boot("all-down", 0)) {
			cluster.assertNoCluster();
			Run run = cluster.run("local", List.of(() -> cluster.startNode(1), () -> {
				cluster.assertNodeStates("DOWN", "ANSWERING", "DOWN");
				cluster.startNode(0);
				cluster.startNode(2);
			}));
			run.printFigures();
			run.assertNoFailureNoLostLoginNoStepBack();
			run.assertLocalOnOneInstanceUntil(run.repaired());
			run.assertNeverLeaveMemcachedOnceIn();
			run.assertP99Within(P99_BOUND);
			cluster.awaitNodeStates("ANSWERING", "ANSWERING", "ANSWERING");
			cluster.assertInstancesAgree(run.clients());
			cluster.assertLogged(List.of(0, 2), List.of(0, 2));
		}
	}

	/**
	 * Three memcached ports, some of them served, two instances that know all three, and HAProxy.
	 */
	private static final class Cluster implements AutoCloseable {

		private final Path logs;

		private final List<Integer> memcachedPorts = new ArrayList<>();

		private final List<ManagedProcess> memcached = new ArrayList<>();

		private final List<AppProcess> apps = new ArrayList<>();

		private ManagedProcess haproxy;

		private URI balancer;

		private Cluster(Path logs) {
			this.logs = logs;
		}

		/**
		 * Start the first {@code started} of three memcached nodes, then the instances and HAProxy.
		 */
		static Cluster boot(String name, int started) {
			Cluster cluster = new Cluster(LOGS.resolve(name));
			try {
				cluster.start(started);
				return cluster;
			}
			catch (RuntimeException | Error ex) {
				cluster.close();
				throw ex;
			}
		}

		private void start(int started) {
			List<String> servers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				int port = FreePorts.next();
				this.memcachedPorts.add(port);
				this.memcached.add((i < started) ? Servers.memcached(port, this.logs) : null);
				servers.add("127.0.0.1:" + port);
			}
			for (String instance : List.of("app-1", "app-2")) {
				this.apps.add(AppProcess.start(instance, FreePorts.next(), this.logs,
						"--dynamic-bean.memcached.servers=" + String.join(",", servers),
						"--dynamic-bean.memcached.retry-delay=1s",
						"--dynamic-bean.session.affinity.route=" + instance,
						"--dynamic-bean.session.affinity.release-after=3s"));
			}
			this.apps.forEach((app) -> app.awaitReady(READY_TIMEOUT));
			int haproxyPort = FreePorts.next();
			this.haproxy = Servers.haproxy(haproxyPort, this.apps.stream().map(AppProcess::port).toList(), this.logs);
			this.balancer = URI.create("http://127.0.0.1:" + haproxyPort + "/");
		}

		void startNode(int node) {
			this.memcached.set(node, Servers.memcached(this.memcachedPorts.get(node), this.logs));
		}

		void awaitOnMemcached() {
			for (AppProcess app : this.apps) {
				await(app.process().name() + " on memcached").atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(new WebClient(app.uri("/")).login("demo", "demo").session().store())
						.isEqualTo("memcached"));
			}
		}

		/**
		 * Log in the sessions through the balancer, keep them busy, log in new users while nodes
		 * are missing, take each step (start nodes) after waiting, and after each wait until every
		 * session has been served by both instances from memcached a while; log in new users again.
		 */
		Run run(String storeWhileDown, List<Runnable> steps) {
			List<WebClient> clients = new ArrayList<>();
			List<TrafficLoop> loops = new ArrayList<>();
			Instant started = Instant.now();
			for (int i = 0; i < SESSIONS; i++) {
				WebClient client = new WebClient(this.balancer).login("demo", "demo");
				clients.add(client);
				loops.add(TrafficLoop.start(client, INTERVAL, 10_000, DOWN.plusSeconds(90)));
			}
			Instant repaired;
			try {
				await().atMost(Duration.ofSeconds(20)).until(() -> loops.stream().allMatch((loop) -> loop.count() >= 5));
				Instant nodesStart = Instant.now().plus(DOWN);
				assertNewLogins(storeWhileDown);
				await().atMost(DOWN.plusSeconds(5)).until(() -> Instant.now().isAfter(nodesStart));
				repaired = Instant.now();
				for (Runnable step : steps) {
					Instant at = Instant.now();
					step.run();
					await("every session served by both instances from memcached").atMost(Duration.ofSeconds(40))
						.untilAsserted(() -> assertThat(loops).allSatisfy((loop) -> {
							List<Exchange> last = loop.last(10);
							int since = loop.since(at).size();
							assertThat(since >= 20 && servedByBothFromMemcached(last))
								.as("%d answers of a session since %s, the last %s", since, at, last)
								.isTrue();
						}));
				}
				assertNewLogins("memcached");
			}
			finally {
				loops.forEach(TrafficLoop::close);
			}
			return new Run(started, repaired, clients, loops);
		}

		private static boolean servedByBothFromMemcached(List<Exchange> exchanges) {
			return exchanges.size() == 10 && exchanges.stream().allMatch((exchange) -> "memcached".equals(exchange.store()))
					&& exchanges.stream().map(Exchange::instance).distinct().count() == 2;
		}

		private void assertNewLogins(String store) {
			for (int i = 0; i < NEW_LOGINS; i++) {
				SessionView session = new WebClient(this.balancer).login("demo", "demo").session();
				assertThat(session.store()).as("store of a new login through the balancer").isEqualTo(store);
			}
		}

		void assertInstancesAgree(List<WebClient> clients) {
			for (WebClient client : clients) {
				SessionView first = client.at(this.apps.get(0).uri("/")).session();
				SessionView second = client.at(this.apps.get(1).uri("/")).session();
				assertThat(second.sessionId()).isEqualTo(first.sessionId());
				assertThat(second.counter()).as("counter of %s on app-2 after app-1's", first.sessionId())
					.isEqualTo(first.counter() + 1);
			}
		}

		/**
		 * Assert what {@code GET /actuator/dynamicbeans/memcachedClient} says of each node, in
		 * configuration order, on each instance.
		 */
		void assertNodeStates(String... states) {
			for (AppProcess app : this.apps) {
				JsonNode bean = memcachedClient(app);
				assertThat(bean.path("state").asString()).as("memcachedClient on %s", app.process().name())
					.isEqualTo("ACTIVE");
				List<String> addresses = this.memcachedPorts.stream().map((port) -> "127.0.0.1:" + port).toList();
				List<String> nodes = new ArrayList<>();
				List<String> seen = new ArrayList<>();
				for (JsonNode node : bean.path("details").path("nodes")) {
					nodes.add(node.path("address").asString());
					seen.add(node.path("state").asString());
					assertThat(node.path("since").asString()).as("since when").isNotEmpty();
				}
				assertThat(nodes).as("nodes on %s", app.process().name()).isEqualTo(addresses);
				assertThat(seen).as("node states on %s", app.process().name()).containsExactly(states);
			}
		}

		void awaitNodeStates(String... states) {
			await("node states " + List.of(states)).atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertNodeStates(states));
		}

		void assertNoCluster() {
			for (AppProcess app : this.apps) {
				JsonNode bean = memcachedClient(app);
				assertThat(bean.path("state").asString()).as("memcachedClient on %s", app.process().name())
					.isIn("FAILED", "GENERATING");
				assertThat(bean.has("details")).as("details of the missing memcachedClient").isFalse();
			}
		}

		/**
		 * Assert that each instance logged, in this run, one WARN for each node down and one INFO
		 * for each node back, nothing for the others, and neither an ERROR nor a stack trace.
		 */
		void assertLogged(List<Integer> down, List<Integer> back) {
			for (AppProcess app : this.apps) {
				List<String> lines = linesOfThisRun(app.process().log());
				for (int node = 0; node < 3; node++) {
					String prefix = "Memcached node 127.0.0.1:" + this.memcachedPorts.get(node);
					assertThat(lines).filteredOn((line) -> line.contains(" WARN ") && line.contains(prefix + " is down"))
						.as("WARN lines of %s for node %d", app.process().name(), node)
						.hasSize(down.contains(node) ? 1 : 0);
					assertThat(lines).filteredOn((line) -> line.contains(" INFO ") && line.contains(prefix + " answers again"))
						.as("INFO lines of %s for node %d back", app.process().name(), node)
						.hasSize(back.contains(node) ? 1 : 0);
				}
				assertThat(lines).as("ERROR and stack trace lines of %s", app.process().name())
					.noneMatch((line) -> line.contains(" ERROR ") || line.startsWith("\tat "));
			}
		}

		/** The lines after the last start of a process, its log being appended to. */
		private static List<String> linesOfThisRun(Path log) {
			try {
				List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
				int start = 0;
				for (int i = 0; i < lines.size(); i++) {
					if (lines.get(i).startsWith("=== ")) {
						start = i;
					}
				}
				return lines.subList(start, lines.size());
			}
			catch (IOException ex) {
				throw new AssertionError("Cannot read " + log, ex);
			}
		}

		private static JsonNode memcachedClient(AppProcess app) {
			String credentials = Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
			try {
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(app.uri("/actuator/dynamicbeans/memcachedClient"))
						.header("Authorization", "Basic " + credentials)
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as("GET /actuator/dynamicbeans/memcachedClient: %s", response.body())
					.isEqualTo(200);
				return json.readTree(response.body());
			}
			catch (IOException ex) {
				throw new AssertionError("GET /actuator/dynamicbeans/memcachedClient on " + app.process().name(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted", ex);
			}
		}

		@Override
		public void close() {
			List<AutoCloseable> all = new ArrayList<>();
			all.add(this.haproxy);
			all.addAll(this.apps);
			all.addAll(this.memcached);
			for (AutoCloseable each : all) {
				try {
					if (each != null) {
						each.close();
					}
				}
				catch (Exception ex) {
					// keep stopping the others
				}
			}
		}

	}

	/**
	 * What the sessions' loops saw: from {@code started} (their first request), nodes missing
	 * until {@code repaired}.
	 */
	private record Run(Instant started, Instant repaired, List<WebClient> clients, List<TrafficLoop> loops) {

		/**
		 * The exchanges of a loop, without the request in flight when the test closed the loop
		 * (interrupted by the test, not answered by the cluster).
		 */
		static List<Exchange> answered(TrafficLoop loop) {
			return loop.exchanges()
				.stream()
				.filter((exchange) -> !(exchange.status() == -1 && exchange.error().contains("InterruptedException")))
				.toList();
		}

		void printFigures() {
			List<Exchange> all = this.loops.stream().flatMap((loop) -> answered(loop).stream()).toList();
			List<Exchange> after = all.stream().filter((exchange) -> exchange.start().isAfter(this.repaired)).toList();
			System.out.printf("[figures] %d requests, p99 %d ms, max %d ms; %d from a local store before the nodes "
					+ "started, %d after; %d after until every session was on memcached on both instances%n",
					all.size(), percentile(all, 99).toMillis(), percentile(all, 100).toMillis(),
					all.stream().filter((exchange) -> exchange.start().isBefore(this.repaired))
						.filter((exchange) -> "local".equals(exchange.store()))
						.count(),
					after.stream().filter((exchange) -> "local".equals(exchange.store())).count(), after.size());
		}

		void assertNoFailureNoLostLoginNoStepBack() {
			for (TrafficLoop loop : this.loops) {
				List<Exchange> exchanges = answered(loop);
				assertThat(exchanges).as("answers").allSatisfy((exchange) -> assertThat(exchange.status())
					.as("status at %s (%s)", exchange.start(), exchange.error())
					.isEqualTo(200));
				String sessionId = exchanges.get(0).session().sessionId();
				long previous = 0;
				for (Exchange exchange : exchanges) {
					assertThat(exchange.session().sessionId()).as("session of the login").isEqualTo(sessionId);
					assertThat(exchange.session().counter()).as("counter of %s after %d (%s, %s, at %s)", sessionId,
							previous, exchange.instance(), exchange.store(), exchange.start())
						.isGreaterThan(previous);
					previous = exchange.session().counter();
				}
			}
		}

		void assertFromMemcachedFrom(Instant from) {
			for (TrafficLoop loop : this.loops) {
				assertThat(answered(loop)).filteredOn((exchange) -> !exchange.start().isBefore(from))
					.as("answers from %s", from)
					.allSatisfy((exchange) -> assertThat(exchange.store())
						.as("store of %s at %s on %s", exchange.session().sessionId(), exchange.start(),
								exchange.instance())
						.isEqualTo("memcached"));
			}
		}

		/**
		 * Every session was local while no node answered, each on the one instance that holds it.
		 */
		void assertLocalOnOneInstanceUntil(Instant until) {
			for (TrafficLoop loop : this.loops) {
				List<Exchange> before = answered(loop).stream()
					.filter((exchange) -> exchange.start().isBefore(until))
					.toList();
				assertThat(before).as("answers while no node answered").isNotEmpty().allSatisfy((exchange) -> assertThat(
						exchange.store())
					.as("store at %s", exchange.start())
					.isEqualTo("local"));
				Set<String> instances = before.stream().map(Exchange::instance).collect(Collectors.toSet());
				assertThat(instances).as("instances that served a local session (affinity)").hasSize(1);
			}
		}

		/**
		 * Once a session is served from memcached, it is never served from a local store again.
		 */
		void assertNeverLeaveMemcachedOnceIn() {
			for (TrafficLoop loop : this.loops) {
				List<Exchange> exchanges = answered(loop);
				int first = 0;
				while (first < exchanges.size() && !"memcached".equals(exchanges.get(first).store())) {
					first++;
				}
				assertThat(exchanges.subList(first, exchanges.size())).as("answers once in memcached")
					.isNotEmpty()
					.allSatisfy((exchange) -> assertThat(exchange.store())
						.as("store of %s at %s on %s", exchange.session().sessionId(), exchange.start(),
								exchange.instance())
						.isEqualTo("memcached"));
			}
		}

		void assertP99Within(Duration bound) {
			List<Exchange> all = this.loops.stream().flatMap((loop) -> answered(loop).stream()).toList();
			assertThat(percentile(all, 99)).as("p99 of the sessions' requests").isLessThan(bound);
		}

		static Duration percentile(List<Exchange> exchanges, int percentile) {
			if (exchanges.isEmpty()) {
				return Duration.ZERO;
			}
			List<Duration> sorted = exchanges.stream().map(Exchange::duration).sorted(Comparator.naturalOrder()).toList();
			int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
			return sorted.get(Math.max(index, 0));
		}

	}

}
