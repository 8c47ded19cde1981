/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.dynamicbean.memcached.simulation.FrontSchedule.Step;

/**
 * Makes a failing schedule of the {@link FrontSimulation} small: cuts it after the step that broke
 * the invariant, then drops ever smaller runs of steps (requests and faults alike) as long as the
 * same invariant still breaks on the same session, down to single steps, until no step can go. A fault is dropped with
 * its end, so that the faults of a shrunk schedule combine as the schedule's did. The result is a
 * schedule of the same seed whose every step matters, replayed by its step numbers.
 */
final class FrontShrinker {

	/** Runs of the simulation one shrink may cost at most. */
	static final int MAX_RUNS = 1500;

	private final long seed;

	private final FrontMutant mutant;

	private int runs;

	FrontShrinker(long seed, FrontMutant mutant) {
		this.seed = seed;
		this.mutant = mutant;
	}

	/**
	 * Shrink a failing schedule.
	 * @param failed the result of the schedule
	 * @return the result of the smallest schedule found that breaks the same invariant
	 */
	FrontSimulation.Result shrink(FrontSimulation.Result failed) {
		List<Step> whole = failed.schedule();
		String invariant = Objects.requireNonNull(failed.invariant(), "Only a failing schedule shrinks");
		FrontSimulation.Result smallest = failed;
		List<Step> steps = failed.schedule();
		if (failed.failedAt() < steps.size()) {
			FrontSimulation.Result cut = run(steps.subList(0, failed.failedAt() + 1));
			if (invariant.equals(cut.invariant())) {
				smallest = cut;
			}
		}
		for (int chunk = Math.max(1, smallest.schedule().size() / 2); chunk >= 1; chunk /= 2) {
			boolean dropped;
			do {
				dropped = false;
				for (int start = 0; start < smallest.schedule().size() && this.runs < MAX_RUNS;) {
					List<Step> candidate = new ArrayList<>(smallest.schedule());
					candidate.subList(start, Math.min(start + chunk, candidate.size())).clear();
					FrontSimulation.Result result = run(FrontSchedule.withEndedFaults(whole, candidate));
					if (invariant.equals(result.invariant())) {
						smallest = trimmed(result);
						dropped = true;
					}
					else {
						start += chunk;
					}
				}
			}
			while (dropped && chunk == 1 && this.runs < MAX_RUNS);
		}
		return smallest;
	}

	/**
	 * How many schedules the shrinking ran.
	 */
	int runs() {
		return this.runs;
	}

	private FrontSimulation.Result trimmed(FrontSimulation.Result result) {
		if (result.failedAt() >= result.schedule().size() - 1) {
			return result;
		}
		FrontSimulation.Result cut = run(result.schedule().subList(0, result.failedAt() + 1));
		return Objects.equals(cut.invariant(), result.invariant()) ? cut : result;
	}

	private FrontSimulation.Result run(List<Step> steps) {
		this.runs++;
		return new FrontSimulation(this.seed, List.copyOf(steps), this.mutant).run();
	}

}
