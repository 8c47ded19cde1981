/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

/**
 * Runs seeds from the test classpath. {@code SimulationReplay <seed> [faults] [mutant]} prints one
 * seed's whole trace; {@code SimulationReplay <first> <count> [faults] [mutant]} runs many and
 * prints each violation, then the schedules per second.
 */
public final class SimulationReplay {

	private SimulationReplay() {
	}

	public static void main(String[] args) {
		boolean many = args.length > 1 && Character.isDigit(args[1].charAt(0));
		int next = many ? 2 : 1;
		Simulation.Faults faults = (args.length > next) ? Simulation.Faults.valueOf(args[next])
				: Simulation.Faults.ONE_AT_A_TIME;
		Mutant mutant = (args.length > next + 1) ? Mutant.valueOf(args[next + 1]) : Mutant.NONE;
		long seed = Long.parseLong(args[0]);
		if (!many) {
			Simulation.Result result = new Simulation(seed, SimulationTests.STEPS, faults, mutant).run();
			result.trace().lines().forEach(System.out::println);
			System.out.println(result.failed() ? result.report(0) : "seed " + seed + ": no violation");
			return;
		}
		int count = Integer.parseInt(args[1]);
		long started = System.nanoTime();
		int failed = 0;
		for (long s = seed; s < seed + count; s++) {
			Simulation.Result result = new Simulation(s, SimulationTests.STEPS, faults, mutant).run();
			if (result.failed()) {
				failed++;
				System.out.println("seed " + s + ": " + result.violation());
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("%d schedules (%s, %s), %d failed, %.1f s, %.0f schedules/s%n", count, faults, mutant, failed,
				seconds, count / seconds);
	}

}
