/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * The schedule of a {@link FrontSimulation}, drawn from its seed before it runs: a list of steps,
 * each holding every choice it needs (which session, instance, node, how long), so that any steps
 * can be dropped and the rest still runs, as {@link FrontShrinker shrinking} does. A step that
 * names a session, a request or an instance picks it by index among those that exist when it runs.
 * Session ids come from each step's own seed, so dropping a step changes no other step's ids.
 */
final class FrontSchedule {

	private FrontSchedule() {
	}

	/**
	 * Draw a schedule.
	 * @param seed the seed
	 * @param count how many steps
	 * @param faults how faults combine
	 * @return the steps, numbered from 1
	 */
	static List<Step> draw(long seed, int count, Faults faults) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Step> steps = new ArrayList<>(count);
		List<Step> active = new ArrayList<>();
		boolean dataLost = false;
		for (int number = 1; number <= count; number++) {
			int choice = random.nextInt(100);
			long ids = random.nextLong();
			Step step;
			if (choice < 12) {
				step = new Step(number, Kind.CREATE, random.nextInt(1 << 20), random.nextInt(1 << 20), 0, ids);
			}
			else if (choice < 37) {
				step = new Step(number, Kind.LOAD, random.nextInt(1 << 20), random.nextInt(1 << 20), 0, ids);
			}
			else if (choice < 62) {
				step = new Step(number, Kind.SAVE, random.nextInt(1 << 20), random.nextInt(1 << 20), 0, ids);
			}
			else if (choice < 67) {
				step = new Step(number, Kind.LOGOUT, random.nextInt(1 << 20), random.nextInt(1 << 20), 0, ids);
			}
			else if (choice < 72) {
				step = new Step(number, Kind.CHANGE_ID, random.nextInt(1 << 20), random.nextInt(1 << 20), 0, ids);
			}
			else if (choice < 84) {
				step = new Step(number, Kind.ADVANCE, random.nextInt(1, 1000), 0, 0, ids);
			}
			else if (choice < 90) {
				step = new Step(number, Kind.ADVANCE, random.nextInt(2, 15) * 1000, 0, 0, ids);
			}
			else if (!active.isEmpty() && (faults == Faults.ONE_AT_A_TIME || random.nextBoolean())) {
				Step started = active.remove(random.nextInt(active.size()));
				step = new Step(number, Kind.HEAL, started.a(), started.b(), started.c(), ids);
			}
			else {
				boolean mayLoseData = faults == Faults.ANY || !dataLost;
				Fault[] kinds = Fault.values();
				Fault fault;
				do {
					fault = kinds[random.nextInt(kinds.length)];
				}
				while (fault.losesData && !mayLoseData);
				dataLost |= fault.losesData;
				int target = random.nextInt(1 << 20);
				int detail = (fault == Fault.SKEW) ? (random.nextBoolean() ? 1 : -1) * random.nextInt(1, 11)
						: (fault == Fault.EVICT) ? random.nextInt(1, 4) : random.nextInt(1 << 20);
				step = new Step(number, Kind.FAULT, fault.ordinal(), target, detail, ids);
				if (fault.lasting) {
					active.add(step);
				}
			}
			steps.add(step);
		}
		return List.copyOf(steps);
	}

	/**
	 * Drop from some steps of a schedule the faults whose end was dropped while a later step is
	 * kept: a shrunk schedule keeps to the faults of the schedule it came from (one at a time stays
	 * one at a time); a fault whose end comes after the last step kept is ended by the final heal.
	 * @param schedule the whole schedule
	 * @param kept the steps kept, in order
	 * @return the steps kept, less the faults that would no longer end
	 */
	static List<Step> withEndedFaults(List<Step> schedule, List<Step> kept) {
		List<Step> result = new ArrayList<>(kept.size());
		int last = kept.isEmpty() ? 0 : kept.get(kept.size() - 1).number();
		for (Step step : kept) {
			Step end = (step.kind() == Kind.FAULT && step.fault().lasting) ? endOf(schedule, step) : null;
			if (end == null || end.number() > last || kept.contains(end)) {
				result.add(step);
			}
		}
		return result;
	}

	private static @Nullable Step endOf(List<Step> schedule, Step fault) {
		for (Step step : schedule.subList(schedule.indexOf(fault) + 1, schedule.size())) {
			if (step.kind() == Kind.HEAL && step.a() == fault.a() && step.b() == fault.b() && step.c() == fault.c()) {
				return step;
			}
		}
		return null;
	}

	/**
	 * Describe which steps of a schedule are kept, for replaying a shrunk schedule.
	 */
	static String numbers(List<Step> steps) {
		StringBuilder text = new StringBuilder();
		for (Step step : steps) {
			text.append((text.length() > 0) ? "," : "").append(step.number());
		}
		return text.toString();
	}

	/**
	 * Keep the steps of a schedule named in a list such as {@code 3,17,18}.
	 */
	static List<Step> keep(List<Step> steps, String numbers) {
		List<Integer> kept = new ArrayList<>();
		for (String number : numbers.split(",")) {
			kept.add(Integer.parseInt(number.trim()));
		}
		return steps.stream().filter((step) -> kept.contains(step.number())).toList();
	}

	/**
	 * How faults combine.
	 */
	enum Faults {

		/**
		 * One fault at a time, until it ends, and at most one that loses data per schedule: the
		 * faults of the documented guarantees, one by one.
		 */
		ONE_AT_A_TIME,

		/** Any fault, any time: several at once. */
		ANY

	}

	/**
	 * What a step does.
	 */
	enum Kind {

		/** Create a session on an instance with one attribute. */
		CREATE,

		/** Load a session on an instance: the first half of a request. */
		LOAD,

		/** Change one attribute of a loaded session and save it: the second half. */
		SAVE,

		/** Log a session out on an instance. */
		LOGOUT,

		/** Change a session's id on an instance (a login): load, change, save. */
		CHANGE_ID,

		/** Let time pass (milliseconds in {@code a}); probes and retries run. */
		ADVANCE,

		/** Start a fault ({@link Fault} ordinal in {@code a}). */
		FAULT,

		/** End the fault started with the same {@code a}, {@code b} and {@code c}. */
		HEAL

	}

	/**
	 * The faults of the front's simulator.
	 */
	enum Fault {

		/** A node is killed (operations and replies lost, data lost), until restarted empty. */
		KILL(true, true),

		/** A node restarts empty at once. */
		RESTART(false, true),

		/** A node is frozen (operations held, answered late), until resumed. */
		FREEZE(true, false),

		/** A node evicts its least recently used items. */
		EVICT(false, true),

		/** One instance is cut off from one node, which the others still reach. */
		CUT(true, false),

		/** A node applies every operation but its replies arrive after the clients gave up. */
		SLOW(true, false),

		/** One instance's clock runs minutes ahead or behind. */
		SKEW(true, false),

		/** Every node is killed, until all restart empty: a total outage. */
		OUTAGE_RESTART(true, true),

		/** No instance reaches any node, until the network is back, data kept: a total outage. */
		OUTAGE_NETWORK(true, false);

		final boolean lasting;

		final boolean losesData;

		Fault(boolean lasting, boolean losesData) {
			this.lasting = lasting;
			this.losesData = losesData;
		}

	}

	/**
	 * One step and its choices: {@code a}, {@code b} and {@code c} are raw draws a step reads as
	 * indexes (modulo what exists when it runs) or amounts.
	 * @param number its number in the schedule drawn, from 1
	 * @param kind what it does
	 * @param a first choice
	 * @param b second choice
	 * @param c third choice
	 * @param ids the seed of the session ids it generates
	 */
	record Step(int number, Kind kind, int a, int b, int c, long ids) {

		Fault fault() {
			return Fault.values()[this.a];
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "#%d %s %d %d %d", this.number, this.kind, this.a, this.b, this.c);
		}

	}

}
