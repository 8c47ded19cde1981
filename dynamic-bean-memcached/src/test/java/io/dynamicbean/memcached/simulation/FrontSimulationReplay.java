/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.List;

import io.dynamicbean.memcached.simulation.FrontSchedule.Faults;
import io.dynamicbean.memcached.simulation.FrontSchedule.Step;

/**
 * Runs {@link FrontSimulation} seeds from the test classpath.
 * <ul>
 * <li>{@code FrontSimulationReplay <seed> [faults] [mutant]} prints one seed's whole trace and,
 * if it fails, shrinks it and prints the smallest schedule's trace, seed and step numbers;</li>
 * <li>{@code FrontSimulationReplay <seed> steps=3,17,18 [faults] [mutant]} replays only those
 * steps of the seed's schedule (a shrunk schedule);</li>
 * <li>{@code FrontSimulationReplay <first> <count> [faults] [mutant]} runs many, prints each
 * violation, then the schedules per second and the faults per schedule.</li>
 * </ul>
 * Faults: {@code ONE_AT_A_TIME} (default) or {@code ANY}; mutants: {@code NONE} (default),
 * {@code EPOCH_BLIND}, {@code FORGET_PENDING_DELETIONS}.
 */
public final class FrontSimulationReplay {

	private FrontSimulationReplay() {
	}

	public static void main(String[] args) {
		long seed = Long.parseLong(args[0]);
		boolean many = args.length > 1 && Character.isDigit(args[1].charAt(0));
		String keep = (args.length > 1 && args[1].startsWith("steps=")) ? args[1].substring(6) : null;
		int next = (many || keep != null) ? 2 : 1;
		Faults faults = (args.length > next) ? Faults.valueOf(args[next]) : Faults.ONE_AT_A_TIME;
		FrontMutant mutant = (args.length > next + 1) ? FrontMutant.valueOf(args[next + 1]) : FrontMutant.NONE;
		if (many) {
			runMany(seed, Integer.parseInt(args[1]), faults, mutant);
			return;
		}
		List<Step> schedule = FrontSchedule.draw(seed, FrontSimulationTests.STEPS, faults);
		if (keep != null) {
			schedule = FrontSchedule.keep(schedule, keep);
		}
		FrontSimulation.Result result = new FrontSimulation(seed, schedule, mutant).run();
		result.trace().lines().forEach(System.out::println);
		if (!result.failed()) {
			System.out.println("seed " + seed + ": no violation");
			return;
		}
		System.out.println(result.report(0));
		if (keep == null) {
			FrontShrinker shrinker = new FrontShrinker(seed, mutant);
			FrontSimulation.Result shrunk = shrinker.shrink(result);
			System.out.println("\nshrunk from " + result.schedule().size() + " to " + shrunk.schedule().size()
					+ " steps (" + shrinker.runs() + " runs):");
			shrunk.trace().lines().forEach(System.out::println);
			System.out.println(shrunk.report(0));
		}
	}

	private static void runMany(long first, int count, Faults faults, FrontMutant mutant) {
		long started = System.nanoTime();
		int failed = 0;
		long faultCount = 0;
		for (long seed = first; seed < first + count; seed++) {
			FrontSimulation.Result result = FrontSimulationTests.run(seed, faults, mutant);
			faultCount += result.faults();
			if (result.failed()) {
				failed++;
				System.out.println("seed " + seed + ": " + result.violation());
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("%d front schedules (%s, %s), %d failed, %.1f s, %.0f schedules/s, %.1f faults per "
				+ "schedule%n", count, faults, mutant, failed, seconds, count / seconds, (double) faultCount / count);
	}

}
