/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.dynamicbean.memcached.simulation.Simulation.Faults;
import io.dynamicbean.memcached.simulation.Simulation.Result;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Simulation}: the real store through a fixed budget of seeded schedules of
 * requests and faults ({@link Faults#ONE_AT_A_TIME}). What the schedules find on the real store is
 * kept in {@code known-violations.txt}: a change of the store that closes a window, or opens one,
 * changes that list. More seeds: {@link SimulationReplay}.
 */
class SimulationTests {

	private static final Log logger = LogFactory.getLog(SimulationTests.class);

	static final int STEPS = 200;

	static final int CI_SEEDS = 300;

	@Test
	void sameSeedReplaysTheSameTrace() {
		Result first = run(42, Mutant.NONE);
		Result second = run(42, Mutant.NONE);
		assertThat(first.trace().lines()).hasSizeGreaterThan(STEPS);
		assertThat(second.trace().lines()).as("the trace of seed 42 run again").isEqualTo(first.trace().lines());
	}

	@Test
	void failingSeedReplaysTheSameTrace() {
		Result first = run(41, Mutant.NONE);
		Result second = run(41, Mutant.NONE);
		assertThat(first.failed()).isTrue();
		assertThat(second.trace().lines()).as("the trace of seed 41 run again").isEqualTo(first.trace().lines());
		assertThat(second.violation()).isEqualTo(first.violation());
	}

	@Test
	void realStoreBreaksTheInvariantsOnlyOnTheKnownSeeds() throws IOException {
		List<String> violations = new ArrayList<>();
		long started = System.nanoTime();
		int checks = 0;
		int missing = 0;
		for (long seed = 1; seed <= CI_SEEDS; seed++) {
			Result result = run(seed, Mutant.NONE);
			checks += result.checks();
			missing += result.missing();
			if (result.failed()) {
				violations.add("seed " + seed + ": " + result.violation());
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		logger.info(String.format(Locale.ROOT, "%d schedules of %d steps in %.1f s (%.0f/s): %d reads "
				+ "checked, %d found no live session, %d broke an invariant", CI_SEEDS, STEPS, seconds,
				CI_SEEDS / seconds, checks, missing, violations.size()));
		assertThat(violations).as("the violations found on the real store (known-violations.txt)")
			.containsExactlyElementsOf(knownViolations());
	}

	@Test
	void blindWritesAreCaughtWhereTheRealStoreHolds() throws IOException {
		assertThat(firstCaught(Mutant.BLIND_WRITES)).as("first seed of %d that catches blind writes", CI_SEEDS)
			.isPositive();
	}

	@Test
	void skippedTombstonesAreCaughtWhereTheRealStoreHolds() throws IOException {
		assertThat(firstCaught(Mutant.NO_TOMBSTONE)).as("first seed of %d that catches skipped tombstones", CI_SEEDS)
			.isPositive();
	}

	/**
	 * The first seed of the CI schedules on which a mutant breaks an invariant and the real store
	 * does not (it is not in {@code known-violations.txt}), {@code 0} when none.
	 */
	private long firstCaught(Mutant mutant) throws IOException {
		Set<Long> known = new TreeSet<>();
		for (String violation : knownViolations()) {
			known.add(Long.parseLong(violation.substring("seed ".length(), violation.indexOf(':'))));
		}
		for (long seed = 1; seed <= CI_SEEDS; seed++) {
			if (!known.contains(seed) && run(seed, mutant).failed()) {
				logger.info(mutant + " caught by seed " + seed);
				return seed;
			}
		}
		return 0;
	}

	static Result run(long seed, Mutant mutant) {
		return new Simulation(seed, STEPS, Faults.ONE_AT_A_TIME, mutant).run();
	}

	private static List<String> knownViolations() throws IOException {
		try (InputStream in = SimulationTests.class.getResourceAsStream("known-violations.txt")) {
			assertThat(in).as("known-violations.txt").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter((line) -> !line.isBlank())
				.toList();
		}
	}

}
