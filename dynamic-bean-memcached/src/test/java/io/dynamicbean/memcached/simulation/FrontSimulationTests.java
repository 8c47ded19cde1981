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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.memcached.simulation.FrontSchedule.Faults;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrontSimulation}: the real fronts over the real store through a fixed budget of
 * seeded schedules ({@link Faults#ONE_AT_A_TIME}, every fault of the front's simulator, one at a
 * time). What they find is kept in {@code front-known-violations.txt}: a change of the front or
 * the store that closes a window, or opens one, changes that list. More seeds:
 * {@link FrontSimulationReplay}.
 */
class FrontSimulationTests {

	private static final Log logger = LogFactory.getLog(FrontSimulationTests.class);

	static final int STEPS = 150;

	static final int CI_SEEDS = 40;

	static final int MUTANT_SEEDS = 30;

	/** The real front's results of the CI seeds, shared by the tests that compare with them. */
	private static final Map<Long, FrontSimulation.Result> real = new ConcurrentHashMap<>();

	@Test
	void sameSeedReplaysTheSameTrace() {
		FrontSimulation.Result first = run(42, Faults.ONE_AT_A_TIME, FrontMutant.NONE);
		FrontSimulation.Result second = run(42, Faults.ONE_AT_A_TIME, FrontMutant.NONE);
		assertThat(first.trace().lines()).hasSizeGreaterThan(STEPS);
		assertThat(second.trace().lines()).as("the trace of seed 42 run again").isEqualTo(first.trace().lines());
		assertThat(second.violation()).isEqualTo(first.violation());
	}

	@Test
	void realFrontBreaksTheInvariantsOnlyOnTheKnownSeeds() throws IOException {
		List<String> violations = new ArrayList<>();
		int checks = 0;
		int faults = 0;
		FrontSimulation.Result firstFailure = null;
		for (long seed = 1; seed <= CI_SEEDS; seed++) {
			FrontSimulation.Result result = real(seed);
			checks += result.checks();
			faults += result.faults();
			if (result.failed()) {
				violations.add("seed " + seed + ": " + result.violation());
			}
		}
		logger.info(String.format(Locale.ROOT, "%d front schedules of %d steps: %d faults, %d reads checked, %d broke "
				+ "an invariant", CI_SEEDS, STEPS, faults, checks, violations.size()));
		List<String> known = knownViolations();
		for (String violation : violations) {
			if (firstFailure == null && !known.contains(violation)) {
				long seed = Long.parseLong(violation.substring(5, violation.indexOf(':')));
				firstFailure = new FrontShrinker(seed, FrontMutant.NONE).shrink(real(seed));
			}
		}
		assertThat(violations)
			.as("the violations found through the fronts (front-known-violations.txt)%s",
					(firstFailure != null) ? "; the first new one, shrunk:\n" + firstFailure.report(60) : "")
			.containsExactlyElementsOf(known);
	}

	@Test
	void shrinkingKeepsOnlyTheStepsThatBreakTheInvariant() {
		FrontSimulation.Result failed = run(71, Faults.ONE_AT_A_TIME, FrontMutant.NONE);
		FrontSimulation.Result shrunk = new FrontShrinker(71, FrontMutant.NONE).shrink(failed);
		logger.info("Seed 71 shrunk: " + shrunk.report(40));
		assertThat(shrunk.invariant()).isEqualTo(failed.invariant());
		assertThat(shrunk.schedule()).as("the shrunk schedule").hasSizeLessThan(12);
		FrontSimulation.Result replayed = new FrontSimulation(71, FrontSchedule.keep(
				FrontSchedule.draw(71, STEPS, Faults.ONE_AT_A_TIME), FrontSchedule.numbers(shrunk.schedule())),
				FrontMutant.NONE).run();
		assertThat(replayed.trace().lines()).as("the shrunk schedule replayed by its step numbers")
			.isEqualTo(shrunk.trace().lines());
	}

	@Test
	void writerServesItsFallbackCopyWithoutAChangeTheStoreMergedIntoItsSave() {
		FrontSimulation.Result result = run(71, Faults.ONE_AT_A_TIME, FrontMutant.NONE);
		logger.info("Window W11 (the writer's copy lacks merged changes): " + result.report(30));
		assertThat(result.violation()).startsWith("I2 step 24 i0 r24 load: session 5a38a7 attribute a is null");
	}

	@Test
	void theWritersNextSaveOfTheMergedVersionCorrectsItsFallbackCopy() {
		FrontSimulation.Result result = run(14, Faults.ONE_AT_A_TIME, FrontMutant.NONE);
		assertThat(result.violation()).as("window W11 after the writer's next save, closed: " + result.report(30))
			.isNull();
	}

	@Test
	void aChangeServedLocallyReachesTheStoreOnceItIsSwitchedInOrAnswersAgain() {
		for (long seed : new long[] { 19, 38 }) {
			FrontSimulation.Result result = run(seed, Faults.ONE_AT_A_TIME, FrontMutant.NONE);
			assertThat(result.violation()).as("window W16 on seed %d, closed: %s", seed, result.report(30)).isNull();
		}
	}

	@Test
	void anIdChangeOfAFallbackCopyDuringAnOutageRetiresTheOldId() {
		FrontSimulation.Result result = run(45, Faults.ONE_AT_A_TIME, FrontMutant.NONE);
		assertThat(result.violation()).as("window W12, closed: " + result.report(30)).isNull();
	}

	@Test
	void firstInstanceToAskAfterTheStoreLostEverythingRestoresItsOlderCopy() {
		FrontSimulation.Result result = shrunk(3, "28,29,33,35,56,57,59,60,80,88,96,108,109,110,114,117,118,119,122,123,"
				+ "128,129");
		logger.info("Window W13 (an older copy restored): " + result.report(40));
		assertThat(result.violation())
			.startsWith("I2 step 129 i0 id change: session f374bd attribute c is null, acknowledged v110");
	}

	@Test
	void aLocalVersionAtAVersionTieBringsOnlyItsChangesOntoTheStoresVersion() {
		FrontSimulation.Result result = shrunk(5, "2,5,6,14,18,20,22,32,36,39,42,43,59,66,68,71,72,73,75,76,78,81,84,85");
		assertThat(result.violation()).as("window W14, closed: " + result.report(40)).isNull();
	}

	@Test
	void slowRepliesOfBothHomeNodesOneAfterTheOtherServeAStaleThirdCopy() {
		FrontSimulation.Result result = shrunk(7, "2,13,22,23,24,28,33,42,53,56,57,58,59,60,61,62,66,67,70,71");
		logger.info("Window W3 through slow replies: " + result.report(40));
		assertThat(result.violation())
			.startsWith("I2 step 71 i1 r71 load: session a695ef attribute a is v24, acknowledged v60");
	}

	@Test
	void aLogoutWhileThePrimaryRepliesLateIsNotUndoneByAStaleCas() {
		FrontSimulation.Result result = shrunk(4, "32,34,35,38,44,45,46,49,51,53,56,57,59,60,61,66,67,68,70,71,79,81,82,"
				+ "89,92,93,97,99,113,119,120,121");
		assertThat(result.violation()).as("window W7 through slow replies, closed: " + result.report(40)).isNull();
	}

	@Test
	void forgottenPendingLogoutsAreCaughtWhereTheRealFrontHolds() {
		assertThat(caught(FrontMutant.FORGET_PENDING_DELETIONS)).as("seeds of %d that catch a front forgetting "
				+ "pending logouts", MUTANT_SEEDS).isNotEmpty();
	}

	/**
	 * The seeds on which a mutant breaks an invariant and the real front does not.
	 */
	private Set<Long> caught(FrontMutant mutant) {
		Set<Long> caught = new TreeSet<>();
		for (long seed = 1; seed <= MUTANT_SEEDS; seed++) {
			if (!real(seed).failed() && run(seed, Faults.ONE_AT_A_TIME, mutant).failed()) {
				caught.add(seed);
			}
		}
		logger.info(mutant + " caught by seeds " + caught + " of 1 to " + MUTANT_SEEDS);
		return caught;
	}

	private static FrontSimulation.Result real(long seed) {
		return real.computeIfAbsent(seed, (key) -> run(key, Faults.ONE_AT_A_TIME, FrontMutant.NONE));
	}

	/**
	 * Replay some steps of a seed's CI schedule: a shrunk schedule, as printed.
	 */
	private static FrontSimulation.Result shrunk(long seed, String steps) {
		return new FrontSimulation(seed, FrontSchedule.keep(FrontSchedule.draw(seed, STEPS, Faults.ONE_AT_A_TIME),
				steps), FrontMutant.NONE).run();
	}

	static FrontSimulation.Result run(long seed, Faults faults, FrontMutant mutant) {
		return new FrontSimulation(seed, FrontSchedule.draw(seed, STEPS, faults), mutant).run();
	}

	private static List<String> knownViolations() throws IOException {
		try (InputStream in = FrontSimulationTests.class.getResourceAsStream("front-known-violations.txt")) {
			assertThat(in).as("front-known-violations.txt").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.toList();
		}
	}

}
