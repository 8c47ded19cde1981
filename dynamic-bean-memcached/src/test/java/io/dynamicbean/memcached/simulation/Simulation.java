/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.MemcachedSession;
import io.dynamicbean.memcached.MemcachedSessionRepository;
import io.dynamicbean.memcached.MemcachedStoreException;
import io.dynamicbean.memcached.simulation.Model.Tracked;
import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.session.SessionInvalidatedException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * One schedule: instances, each its own repository and cluster view over the same simulated
 * nodes, driven on one thread by one seeded random through requests and faults, the model checked
 * after every step. A request of a session is two steps, its load and its save, between which
 * any other step may run: parallel requests of one session interleave by whole operations. At the
 * end every fault is healed, the settle window passes, and every session is read from every
 * instance.
 */
final class Simulation {

	static final int NODES = 3;

	static final int INSTANCES = 3;

	private static final String[] ATTRIBUTES = { "a", "b", "c" };

	private final long seed;

	private final int steps;

	private final Faults faults;

	private final SplittableRandom random;

	private final SplittableRandom ids;

	private final SimulatedTime time = new SimulatedTime();

	private final Trace trace = new Trace();

	private final List<SimulatedNode> nodes = new ArrayList<>();

	private final List<Instance> instances = new ArrayList<>();

	private final List<Request> requests = new ArrayList<>();

	private final Model model = new Model();

	private int step;

	private boolean dataLost;

	private int requestNumber;

	private int valueNumber;

	private int checks;

	Simulation(long seed, int steps, Faults faults, Mutant mutant) {
		this.seed = seed;
		this.faults = faults;
		this.steps = steps;
		this.random = new SplittableRandom(seed);
		this.ids = this.random.split();
		List<MemcachedNode> seen = new ArrayList<>();
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < NODES; i++) {
			SimulatedNode node = new SimulatedNode("n" + i, this.time, DataSize.ofKilobytes(64).toBytes(), this.trace::add);
			this.nodes.add(node);
			seen.add(mutant.apply(node));
			addresses.add("node" + i + ":11211");
		}
		for (int i = 0; i < INSTANCES; i++) {
			this.instances.add(new Instance("i" + i, seen, addresses));
		}
	}

	Result run() {
		for (this.step = 1; this.step <= this.steps && this.model.violation() == null; this.step++) {
			step();
		}
		if (this.model.violation() == null) {
			finalCheck();
		}
		return new Result(this.seed, this.model.violation(), this.trace, this.checks, this.model.missing(),
				this.step - 1);
	}

	private void step() {
		int choice = this.random.nextInt(100);
		if (choice < 12) {
			create();
		}
		else if (choice < 37) {
			load();
		}
		else if (choice < 62) {
			saveOne();
		}
		else if (choice < 67) {
			logout();
		}
		else if (choice < 72) {
			changeId();
		}
		else if (choice < 84) {
			advance(Duration.ofMillis(this.random.nextInt(1, 1000)));
		}
		else if (choice < 90) {
			advance(Duration.ofSeconds(this.random.nextInt(2, 15)));
		}
		else {
			fault();
		}
	}

	private void create() {
		Instance instance = anyInstance();
		MemcachedSession session = instance.repository().createSession();
		String name = anyAttribute();
		String value = nextValue();
		session.setAttribute(name, value);
		this.trace.add(line(instance, "create " + Keys.shortId(session.getId()) + " " + name + "=" + value));
		Tracked tracked = this.model.created(session.getId());
		try {
			instance.repository().save(session);
			tracked.acknowledged(name, value);
			this.trace.add("    acknowledged");
		}
		catch (MemcachedStoreException ex) {
			tracked.unknown(name, value);
			this.trace.add("    failed: " + describe(ex));
		}
	}

	private void load() {
		Tracked session = anySession();
		if (session == null) {
			create();
			return;
		}
		Instance instance = anyInstance();
		int number = ++this.requestNumber;
		this.trace.add(line(instance, "r" + number + " load s" + session.number + " " + Keys.shortId(session.id)));
		MemcachedSession found = find(instance, session.id, "r" + number + " load");
		if (found != null) {
			found.setLastAccessedTime(instance.clock().instant());
			this.requests.add(new Request(number, instance, session, found));
		}
	}

	private void saveOne() {
		if (this.requests.isEmpty()) {
			load();
			return;
		}
		Request request = this.requests.remove(this.random.nextInt(this.requests.size()));
		String name = anyAttribute();
		String value = nextValue();
		request.session().setAttribute(name, value);
		this.trace.add(line(request.instance(), "r" + request.number() + " save s" + request.tracked().number + " "
				+ name + "=" + value));
		try {
			request.instance().repository().save(request.session());
			this.trace.add("    acknowledged");
			if (request.tracked().id.equals(request.session().getId())) {
				request.tracked().acknowledged(name, value);
			}
		}
		catch (SessionInvalidatedException ex) {
			this.trace.add("    refused: invalidated");
		}
		catch (MemcachedStoreException ex) {
			request.tracked().unknown(name, value);
			this.trace.add("    failed: " + describe(ex));
		}
	}

	private void logout() {
		Tracked session = anySession();
		if (session == null) {
			return;
		}
		Instance instance = anyInstance();
		this.trace.add(line(instance, "logout s" + session.number + " " + Keys.shortId(session.id)));
		try {
			instance.repository().deleteById(session.id);
			this.model.loggedOut(session);
			this.trace.add("    acknowledged");
		}
		catch (MemcachedStoreException ex) {
			session.maybeGone = true;
			this.trace.add("    failed: " + describe(ex));
		}
	}

	private void changeId() {
		Tracked session = anySession();
		if (session == null) {
			return;
		}
		Instance instance = anyInstance();
		String oldId = session.id;
		this.trace.add(line(instance, "change id of s" + session.number + " " + Keys.shortId(oldId)));
		MemcachedSession found = find(instance, oldId, "id change");
		if (found == null) {
			return;
		}
		String newId = found.changeSessionId();
		try {
			instance.repository().save(found);
			this.model.idChanged(session, newId);
			this.trace.add("    acknowledged: now " + Keys.shortId(newId));
		}
		catch (SessionInvalidatedException ex) {
			this.trace.add("    refused: invalidated");
		}
		catch (MemcachedStoreException ex) {
			session.uncertain = true;
			this.trace.add("    failed: " + describe(ex));
		}
	}

	private @Nullable MemcachedSession find(Instance instance, String id, String what) {
		try {
			MemcachedSession found = instance.repository().findById(id);
			this.trace.add("    " + ((found != null) ? "found " + found.getAttributeNames().size() + " attributes"
					: "not found"));
			this.checks++;
			this.model.checkRead(id, found, "step " + this.step + " " + instance.name() + " " + what);
			return found;
		}
		catch (MemcachedStoreException ex) {
			this.trace.add("    failed: " + describe(ex));
			return null;
		}
	}

	private void advance(Duration duration) {
		this.time.advance(duration);
		this.trace.add(String.format(Locale.ROOT, "%4d %9.3fs      time +%d ms, probes", this.step, seconds(),
				duration.toMillis()));
		probeAll();
	}

	private void probeAll() {
		this.time.inBackground(() -> this.instances.forEach((instance) -> instance.cluster().probeFailingNodes()));
	}

	/**
	 * Start a fault on a node, or end one: with {@link Faults#ONE_AT_A_TIME}, a node is killed or
	 * frozen only while every node is up, the next fault waits for it to end, and only one fault
	 * loses data (a kill, an empty restart or an eviction), the others are freezes.
	 */
	private void fault() {
		SimulatedNode faulty = this.nodes.stream().filter((node) -> node.state() != SimulatedNode.State.UP).findFirst()
			.orElse(null);
		if (faulty != null && (this.faults == Faults.ONE_AT_A_TIME || this.random.nextBoolean())) {
			heal(faulty);
			return;
		}
		SimulatedNode node = this.nodes.get(this.random.nextInt(NODES));
		boolean mayLoseData = this.faults == Faults.ANY || !this.dataLost;
		int kind = mayLoseData ? this.random.nextInt(4) : 2;
		this.dataLost |= kind != 2;
		switch (kind) {
			case 0 -> {
				traceFault(node, "kill");
				node.kill();
			}
			case 1 -> {
				traceFault(node, "restart empty");
				node.restart();
			}
			case 2 -> {
				traceFault(node, "freeze");
				node.freeze();
			}
			default -> {
				int count = this.random.nextInt(1, 4);
				traceFault(node, "evict " + count);
				node.evict(count);
			}
		}
	}

	private void heal(SimulatedNode node) {
		if (node.state() == SimulatedNode.State.KILLED) {
			traceFault(node, "restart (after kill)");
			node.restart();
		}
		else {
			traceFault(node, "resume");
			node.resume();
		}
	}

	private void traceFault(SimulatedNode node, String what) {
		this.trace.fault(String.format(Locale.ROOT, "%4d %9.3fs      FAULT %s %s", this.step, seconds(), node.name(),
				what));
	}

	/**
	 * Heal every fault, let the settle window pass, and read every session from every instance.
	 */
	private void finalCheck() {
		this.trace.add(String.format(Locale.ROOT, "     %9.3fs      heal every node", seconds()));
		for (SimulatedNode node : this.nodes) {
			if (node.state() == SimulatedNode.State.KILLED) {
				node.restart();
			}
			node.resume();
		}
		advance(Duration.ofSeconds(1));
		advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
		for (Instance instance : this.instances) {
			for (String id : this.model.loggedOut()) {
				this.trace.add(line(instance, "final read " + Keys.shortId(id)));
				find(instance, id, "final read");
			}
			for (Tracked session : this.model.sessions()) {
				if (!session.gone && !session.uncertain) {
					this.trace.add(line(instance, "final read s" + session.number + " " + Keys.shortId(session.id)));
					find(instance, session.id, "final read");
				}
			}
		}
	}

	private Instance anyInstance() {
		return this.instances.get(this.random.nextInt(INSTANCES));
	}

	private @Nullable Tracked anySession() {
		List<Tracked> usable = this.model.sessions().stream().filter(Tracked::usable).toList();
		return usable.isEmpty() ? null : usable.get(this.random.nextInt(usable.size()));
	}

	private String anyAttribute() {
		return ATTRIBUTES[this.random.nextInt(ATTRIBUTES.length)];
	}

	private String nextValue() {
		return "v" + (++this.valueNumber);
	}

	private String line(Instance instance, String what) {
		return String.format(Locale.ROOT, "%4d %9.3fs %s %s", this.step, seconds(), instance.name(), what);
	}

	private double seconds() {
		return Duration.between(SimulatedTime.START, this.time.now()).toNanos() / 1e9;
	}

	private static String describe(RuntimeException ex) {
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	/**
	 * How faults combine.
	 */
	enum Faults {

		/**
		 * One node at a time is killed or frozen, until it is restarted or resumed, and one fault
		 * at most loses data: the faults of the documented guarantees.
		 */
		ONE_AT_A_TIME,

		/** Any node, any time: several nodes down or frozen at once. */
		ANY

	}

	/**
	 * One instance of the application: its own clock, cluster view and repository.
	 */
	private final class Instance {

		private final String name;

		private final Clock clock;

		private final MemcachedCluster cluster;

		private final MemcachedSessionRepository repository;

		Instance(String name, List<MemcachedNode> nodes, List<String> addresses) {
			this.name = name;
			this.clock = Simulation.this.time.clock(Duration.ZERO);
			this.cluster = MemcachedCluster.withManualProbes(addresses, nodes, this.clock);
			this.repository = new MemcachedSessionRepository(this.cluster);
			this.repository.setClock(this.clock);
			this.repository.setSessionIdGenerator(() -> String.format(Locale.ROOT, "%016x%016x",
					Simulation.this.ids.nextLong(), Simulation.this.ids.nextLong()));
		}

		String name() {
			return this.name;
		}

		Clock clock() {
			return this.clock;
		}

		MemcachedCluster cluster() {
			return this.cluster;
		}

		MemcachedSessionRepository repository() {
			return this.repository;
		}

	}

	/**
	 * A request between its load and its save.
	 */
	private record Request(int number, Instance instance, Tracked tracked, MemcachedSession session) {
	}

	/**
	 * What a schedule did and found.
	 * @param seed its seed
	 * @param violation the invariant broken, with where, {@code null} when none
	 * @param trace its steps and faults
	 * @param checks the reads checked against the model
	 * @param missing reads that found no session the model holds live (not a violation: lost to
	 * several faults)
	 * @param steps the steps run
	 */
	record Result(long seed, @Nullable String violation, Trace trace, int checks, int missing, int steps) {

		boolean failed() {
			return this.violation != null;
		}

		/**
		 * The seed, the fault schedule and the last lines of the trace, for a failure message.
		 */
		String report(int lastLines) {
			return "seed " + this.seed + ": " + this.violation + "\nfaults:\n" + String.join("\n", this.trace.faults())
					+ "\nlast steps:\n" + String.join("\n", this.trace.last(lastLines));
		}

	}

}
