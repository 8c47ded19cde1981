/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.dynamicbean.memcached.MemcachedCluster;
import io.dynamicbean.memcached.simulation.FrontSchedule.Fault;
import io.dynamicbean.memcached.simulation.FrontSchedule.Step;
import io.dynamicbean.memcached.simulation.Model.Tracked;
import io.dynamicbean.session.FrontInternals;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.util.unit.DataSize;

/**
 * One schedule of the front in the loop: three {@link FrontInstance instances}, each a real
 * switchable front with its local store over its own memcached store and cluster view, over three
 * simulated nodes, driven on one thread through a {@link FrontSchedule} of requests and faults.
 * What the user sees through the fronts is checked after every step: I1 a logout is never undone,
 * I2 an acknowledged change is never lost (but to a later change of it), I3 the old id of an id
 * change never resolves again, I4 no session is served under another's id or with another's
 * values. A load balancer is modelled as far as the front relies on it: a session the front keeps
 * only in its local store sticks to that instance (the affinity cookie), and while an instance has
 * no store switched in, a request of a session another instance changed last goes to that one (the
 * writer cookie's redirect). At the end every fault is healed, the stores are switched back in and
 * settle, each instance serves some other user's request (as instances under traffic do), and
 * every session is read from every instance.
 */
final class FrontSimulation {

	static final int NODES = 3;

	static final int INSTANCES = 3;

	private static final String[] ATTRIBUTES = { "a", "b", "c" };

	/** The id of a session of no one the model tracks: traffic that reaches each front's store. */
	private static final String OTHER_USER = "0".repeat(32);

	private final long seed;

	private final List<Step> schedule;

	private final SimulatedTime time = new SimulatedTime();

	private final Trace trace = new Trace();

	private final List<SimulatedNode> nodes = new ArrayList<>();

	private final List<FrontInstance> instances = new ArrayList<>();

	private final List<Request> requests = new ArrayList<>();

	private final Model model = new Model();

	private final StepIds ids = new StepIds();

	/** Which session each attribute value was written to: values are unique. */
	private final Map<String, Integer> owners = new HashMap<>();

	/** Old ids of acknowledged id changes. */
	private final Set<String> changedIds = new HashSet<>();

	/** The instance a session sticks to while only its local store holds it. */
	private final Map<Integer, Integer> affinity = new HashMap<>();

	/** The instance that changed a session last. */
	private final Map<Integer, Integer> writers = new HashMap<>();

	private @Nullable String violation;

	private int failedAt = -1;

	private int checks;

	private int faults;

	private Step step = new Step(0, FrontSchedule.Kind.ADVANCE, 0, 0, 0, 0);

	FrontSimulation(long seed, List<Step> schedule, FrontMutant mutant) {
		this.seed = seed;
		this.schedule = schedule;
		this.ids.next(seed);
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < NODES; i++) {
			this.nodes.add(new SimulatedNode("n" + i, this.time, DataSize.ofKilobytes(64).toBytes(), this.trace::add));
			addresses.add("node" + i + ":11211");
		}
		for (int i = 0; i < INSTANCES; i++) {
			this.instances.add(new FrontInstance("i" + i, this.time, this.nodes, addresses, this.ids, mutant,
					this.trace::add));
		}
	}

	Result run() {
		for (int index = 0; index < this.schedule.size() && this.violation == null; index++) {
			this.step = this.schedule.get(index);
			this.ids.next(this.step.ids());
			run(this.step);
			this.instances.forEach(FrontInstance::afterStep);
			if (this.violation != null) {
				this.failedAt = index;
			}
		}
		if (this.violation == null) {
			finalCheck();
			if (this.violation != null) {
				this.failedAt = this.schedule.size();
			}
		}
		return new Result(this.seed, this.violation, this.trace, this.checks, this.model.missing(), this.faults,
				this.schedule, this.failedAt);
	}

	private void run(Step step) {
		switch (step.kind()) {
			case CREATE -> create(step);
			case LOAD -> load(step);
			case SAVE -> save(step);
			case LOGOUT -> logout(step);
			case CHANGE_ID -> changeId(step);
			case ADVANCE -> advance(Duration.ofMillis(step.a()));
			case FAULT -> fault(step);
			case HEAL -> heal(step);
		}
	}

	private void create(Step step) {
		int index = Math.floorMod(step.a(), INSTANCES);
		FrontInstance instance = this.instances.get(index);
		Session session = instance.front().createSession();
		String name = ATTRIBUTES[Math.floorMod(step.b(), ATTRIBUTES.length)];
		String value = value();
		Tracked tracked = this.model.created(session.getId());
		this.owners.put(value, tracked.number);
		session.setAttribute(name, value);
		this.trace.add(line(instance, "create s" + tracked.number + " " + Keys.shortId(session.getId()) + " " + name
				+ "=" + value));
		instance.front().save(session);
		tracked.acknowledged(name, value);
		saved(tracked, index, session);
	}

	private void load(Step step) {
		Tracked session = session(step.a());
		if (session == null) {
			return;
		}
		Served served = read(session, step.b(), "r" + step.number() + " load");
		if (served.session() != null) {
			FrontInstance instance = this.instances.get(served.instance());
			served.session().setLastAccessedTime(instance.clock().instant());
			this.requests.add(new Request(step.number(), served.instance(), session, served.session()));
		}
	}

	/**
	 * Read a session as a request does, through the balancer: on the instance it sticks to, or
	 * the one drawn; when that one serves it from its local store while another instance changed it
	 * last, the front sends the request there (the writer cookie's redirect) and it is read again
	 * there.
	 */
	private Served read(Tracked session, int draw, String what) {
		int index = route(session, draw);
		FrontInstance instance = this.instances.get(index);
		boolean sticky = this.affinity.containsKey(session.number);
		this.trace.add(line(instance, what + " s" + session.number + " " + Keys.shortId(session.id)));
		int failures = instance.remoteFailures();
		Session found = instance.front().findById(session.id);
		boolean local = (found != null) ? SwitchableSessionRepository.LOCAL_STORE_NAME.equals(instance.front().storeOf(found))
				: !instance.front().isRemoteActive() || instance.remoteFailures() > failures;
		Integer writer = this.writers.get(session.number);
		if (local && !sticky && writer != null && writer != index) {
			this.trace.add("    served locally, changed last on i" + writer + ": redirected there");
			this.affinity.put(session.number, writer);
			index = writer;
			instance = this.instances.get(index);
			this.trace.add(line(instance, what + " s" + session.number + " " + Keys.shortId(session.id)));
			found = instance.front().findById(session.id);
		}
		describe(instance, found);
		check(session.id, found, "step " + this.step.number() + " " + instance.name() + " " + what);
		return new Served(index, found);
	}

	private void save(Step step) {
		if (this.requests.isEmpty()) {
			return;
		}
		Request request = this.requests.remove(Math.floorMod(step.a(), this.requests.size()));
		FrontInstance instance = this.instances.get(request.instance());
		String name = ATTRIBUTES[Math.floorMod(step.b(), ATTRIBUTES.length)];
		String value = value();
		this.owners.put(value, request.tracked().number);
		request.session().setAttribute(name, value);
		this.trace.add(line(instance, "r" + request.number() + " save s" + request.tracked().number + " " + name + "="
				+ value));
		instance.front().save(request.session());
		if (FrontInternals.isInvalidated(request.session())) {
			this.trace.add("    refused: invalidated (the front ends the session)");
			return;
		}
		Tracked tracked = request.tracked();
		if (tracked.id.equals(request.session().getId()) && !tracked.gone) {
			tracked.acknowledged(name, value);
		}
		saved(tracked, request.instance(), request.session());
	}

	private void logout(Step step) {
		Tracked session = session(step.a());
		if (session == null) {
			return;
		}
		FrontInstance instance = this.instances.get(route(session, step.b()));
		this.trace.add(line(instance, "logout s" + session.number + " " + Keys.shortId(session.id)));
		instance.front().deleteById(session.id);
		this.model.loggedOut(session);
		this.trace.add("    acknowledged");
	}

	private void changeId(Step step) {
		Tracked session = session(step.a());
		if (session == null) {
			return;
		}
		String oldId = session.id;
		Served served = read(session, step.b(), "id change");
		Session found = served.session();
		if (found == null) {
			return;
		}
		FrontInstance instance = this.instances.get(served.instance());
		found.setLastAccessedTime(instance.clock().instant());
		String newId = found.changeSessionId();
		instance.front().save(found);
		if (FrontInternals.isInvalidated(found)) {
			session.maybeGone = true;
			this.trace.add("    refused: invalidated (the front ends the session)");
			return;
		}
		this.model.idChanged(session, newId);
		this.changedIds.add(oldId);
		this.trace.add("    acknowledged: now " + Keys.shortId(newId));
		saved(session, served.instance(), found);
	}

	/**
	 * Note where a session saved on an instance lives now, for the balancer's cookies.
	 */
	private void saved(Tracked tracked, int instance, Session session) {
		String store = this.instances.get(instance).front().storeOf(session);
		this.trace.add("    saved (" + store + ")");
		this.writers.put(tracked.number, instance);
		if (SwitchableSessionRepository.LOCAL_STORE_NAME.equals(store)) {
			this.affinity.put(tracked.number, instance);
		}
		else {
			this.affinity.remove(tracked.number);
		}
	}

	/**
	 * The instance a request of a session lands on: the one drawn, unless the balancer's cookies
	 * send it elsewhere.
	 */
	private int route(Tracked session, int draw) {
		Integer sticky = this.affinity.get(session.number);
		return (sticky != null) ? sticky : Math.floorMod(draw, INSTANCES);
	}

	private @Nullable Session find(FrontInstance instance, String id, String what) {
		Session found = instance.front().findById(id);
		describe(instance, found);
		check(id, found, "step " + this.step.number() + " " + instance.name() + " " + what);
		return found;
	}

	private void describe(FrontInstance instance, @Nullable Session found) {
		this.trace.add("    " + ((found != null) ? "found " + found.getAttributeNames().size() + " attributes"
				+ " (" + instance.front().storeOf(found) + ")" : "not found"));
	}

	private void check(String id, @Nullable Session found, String where) {
		this.checks++;
		if (this.violation != null) {
			return;
		}
		if (found != null && this.changedIds.contains(id)) {
			this.violation = "I3 " + where + ": session " + Keys.shortId(id) + " served under its old id after an "
					+ "acknowledged id change";
			return;
		}
		if (found != null) {
			String foreign = foreignValue(id, found);
			if (foreign != null) {
				this.violation = "I4 " + where + ": session " + Keys.shortId(id) + " " + foreign;
				return;
			}
		}
		this.model.checkRead(id, found, where);
		this.violation = this.model.violation();
	}

	private @Nullable String foreignValue(String id, Session found) {
		if (!id.equals(found.getId())) {
			return "served as session " + Keys.shortId(found.getId());
		}
		Tracked tracked = this.model.find(id);
		for (String name : ATTRIBUTES) {
			Object value = found.getAttribute(name);
			Integer owner = (value != null) ? this.owners.get(value) : null;
			if (value != null && (owner == null || tracked == null || owner != tracked.number)) {
				return "attribute " + name + " holds " + value + ", written to s" + owner;
			}
		}
		return null;
	}

	private void advance(Duration duration) {
		this.time.advance(duration);
		this.trace.add(String.format(Locale.ROOT, "%4d %9.3fs      time +%d ms, probes", this.step.number(), seconds(),
				duration.toMillis()));
		for (FrontInstance instance : this.instances) {
			instance.links().forEach(NodeLink::deliverLateReplies);
		}
		this.time.inBackground(() -> {
			this.instances.forEach(FrontInstance::probe);
			this.instances.forEach(FrontInstance::recoverIfDue);
		});
	}

	private void fault(Step step) {
		Fault fault = step.fault();
		this.faults++;
		SimulatedNode node = this.nodes.get(Math.floorMod(step.b(), NODES));
		FrontInstance instance = this.instances.get(Math.floorMod(step.b(), INSTANCES));
		switch (fault) {
			case KILL -> {
				traceFault("kill " + node.name());
				node.kill();
			}
			case RESTART -> {
				traceFault("restart empty " + node.name());
				restart(node);
			}
			case FREEZE -> {
				traceFault("freeze " + node.name());
				node.freeze();
			}
			case EVICT -> {
				traceFault("evict " + step.c() + " on " + node.name());
				node.evict(step.c());
			}
			case CUT -> {
				int cut = Math.floorMod(step.c(), NODES);
				traceFault("cut " + instance.name() + " off n" + cut);
				instance.link(cut).cut();
			}
			case SLOW -> {
				traceFault("slow replies of " + node.name());
				int index = this.nodes.indexOf(node);
				this.instances.forEach((each) -> each.link(index).slow());
			}
			case SKEW -> {
				traceFault("clock of " + instance.name() + " " + ((step.c() > 0) ? "+" : "") + step.c() + " min");
				instance.skew(Duration.ofMinutes(step.c()));
			}
			case OUTAGE_RESTART -> {
				traceFault("kill every node");
				this.nodes.forEach(SimulatedNode::kill);
			}
			case OUTAGE_NETWORK -> {
				traceFault("cut every instance off every node");
				this.instances.forEach((each) -> each.links().forEach(NodeLink::cut));
			}
		}
	}

	private void heal(Step step) {
		Fault fault = step.fault();
		SimulatedNode node = this.nodes.get(Math.floorMod(step.b(), NODES));
		FrontInstance instance = this.instances.get(Math.floorMod(step.b(), INSTANCES));
		switch (fault) {
			case KILL -> {
				traceFault("restart (after kill) " + node.name());
				restartIfKilled(node);
			}
			case FREEZE -> {
				traceFault("resume " + node.name());
				node.resume();
			}
			case CUT -> {
				int cut = Math.floorMod(step.c(), NODES);
				traceFault("reconnect " + instance.name() + " to n" + cut);
				instance.link(cut).heal();
				instance.reconnected(cut);
			}
			case SLOW -> {
				traceFault("replies of " + node.name() + " on time");
				int index = this.nodes.indexOf(node);
				this.instances.forEach((each) -> each.link(index).heal());
			}
			case SKEW -> {
				traceFault("clock of " + instance.name() + " on time");
				instance.skew(Duration.ZERO);
			}
			case OUTAGE_RESTART -> {
				traceFault("restart (after kill) every node");
				this.nodes.forEach(this::restartIfKilled);
			}
			case OUTAGE_NETWORK -> {
				traceFault("reconnect every instance");
				this.instances.forEach((each) -> each.links().forEach(NodeLink::heal));
				this.instances.forEach((each) -> IntStream.range(0, NODES).forEach(each::reconnected));
			}
			default -> throw new IllegalStateException(fault + " does not last");
		}
	}

	private void restartIfKilled(SimulatedNode node) {
		if (node.state() == SimulatedNode.State.KILLED) {
			restart(node);
		}
	}

	/**
	 * Restart a node empty; every instance's client reconnects to it.
	 */
	private void restart(SimulatedNode node) {
		node.restart();
		int index = this.nodes.indexOf(node);
		this.instances.forEach((instance) -> instance.reconnected(index));
	}

	private void traceFault(String what) {
		this.trace.fault(String.format(Locale.ROOT, "%4d %9.3fs      FAULT %s", this.step.number(), seconds(), what));
	}

	/**
	 * Heal every fault, let the stores come back and settle, and read every session from every
	 * instance, the one it sticks to first.
	 */
	private void finalCheck() {
		this.step = new Step(this.schedule.isEmpty() ? 1 : this.schedule.get(this.schedule.size() - 1).number() + 1,
				FrontSchedule.Kind.ADVANCE, 0, 0, 0, 0);
		this.trace.add(String.format(Locale.ROOT, "     %9.3fs      heal everything", seconds()));
		this.nodes.forEach(this::restartIfKilled);
		this.nodes.forEach(SimulatedNode::resume);
		for (FrontInstance instance : this.instances) {
			instance.links().forEach(NodeLink::heal);
			instance.skew(Duration.ZERO);
		}
		advance(Duration.ofSeconds(1));
		this.instances.forEach(FrontInstance::afterStep);
		advance(Duration.ofSeconds(31));
		this.instances.forEach(FrontInstance::afterStep);
		advance(MemcachedCluster.SETTLING_TIME.plusSeconds(1));
		this.instances.forEach(FrontInstance::afterStep);
		for (FrontInstance instance : this.instances) {
			this.trace.add(line(instance, "another user's request"));
			instance.front().findById(OTHER_USER);
		}
		for (String id : this.model.loggedOut()) {
			for (FrontInstance instance : this.instances) {
				this.trace.add(line(instance, "final read " + Keys.shortId(id)));
				find(instance, id, "final read");
			}
		}
		for (Tracked session : this.model.sessions()) {
			if (session.gone || session.uncertain) {
				continue;
			}
			Integer sticky = this.affinity.get(session.number);
			for (int i = 0; i < INSTANCES; i++) {
				int index = (sticky != null) ? (sticky + i) % INSTANCES : i;
				FrontInstance instance = this.instances.get(index);
				this.trace.add(line(instance, "final read s" + session.number + " " + Keys.shortId(session.id)));
				find(instance, session.id, "final read");
			}
		}
	}

	private @Nullable Tracked session(int draw) {
		List<Tracked> usable = this.model.sessions().stream().filter(Tracked::usable).toList();
		return usable.isEmpty() ? null : usable.get(Math.floorMod(draw, usable.size()));
	}

	private String value() {
		return "v" + this.step.number();
	}

	private String line(FrontInstance instance, String what) {
		return String.format(Locale.ROOT, "%4d %9.3fs %s %s", this.step.number(), seconds(), instance.name(), what);
	}

	private double seconds() {
		return Duration.between(SimulatedTime.START, this.time.now()).toNanos() / 1e9;
	}

	/**
	 * Session ids from the seed of the step being run: dropping a step changes no other step's ids.
	 */
	private static final class StepIds implements SessionIdGenerator {

		private SplittableRandom random = new SplittableRandom(0);

		void next(long seed) {
			this.random = new SplittableRandom(seed);
		}

		@Override
		public String generate() {
			return String.format(Locale.ROOT, "%016x%016x", this.random.nextLong(), this.random.nextLong());
		}

	}

	/**
	 * A request between its load and its save.
	 */
	private record Request(int number, int instance, Tracked tracked, Session session) {
	}

	/**
	 * A session as a request found it, and on which instance.
	 */
	private record Served(int instance, @Nullable Session session) {
	}

	/**
	 * What a schedule did and found.
	 * @param seed its seed
	 * @param violation the invariant broken, with where, {@code null} when none
	 * @param trace its steps and faults
	 * @param checks the reads checked
	 * @param missing reads that found no session the model holds live (not a violation)
	 * @param faults the faults started
	 * @param schedule the steps run
	 * @param failedAt the index of the step that broke an invariant, the schedule's size for the
	 * final reads, {@code -1} for none
	 */
	record Result(long seed, @Nullable String violation, Trace trace, int checks, int missing, int faults,
			List<Step> schedule, int failedAt) {

		boolean failed() {
			return this.violation != null;
		}

		/**
		 * The invariant broken and the session it was broken on (such as {@code I2 session
		 * 5a38a7}), or {@code null}: what a shrunk schedule must still break.
		 */
		@Nullable String invariant() {
			if (this.violation == null) {
				return null;
			}
			int session = this.violation.indexOf("session ");
			return this.violation.substring(0, 2)
					+ ((session >= 0) ? " " + this.violation.substring(session, Math.min(session + 14,
							this.violation.length())) : "");
		}

		/**
		 * The seed, the steps kept, the fault schedule and the last lines of the trace.
		 */
		String report(int lastLines) {
			return "seed " + this.seed + " steps " + FrontSchedule.numbers(this.schedule) + ": " + this.violation
					+ "\nfaults:\n" + String.join("\n", this.trace.faults()) + "\nlast steps:\n"
					+ String.join("\n", this.trace.last(lastLines));
		}

	}

}
