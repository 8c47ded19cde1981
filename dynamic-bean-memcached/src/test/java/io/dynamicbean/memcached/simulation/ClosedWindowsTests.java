/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import io.dynamicbean.memcached.simulation.Simulation.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds that broke an invariant before the store closed the window they found, kept as
 * regression tests: each runs its schedule and expects every read checked to hold. The window of
 * each is described in {@code docs/consistency.md}.
 */
class ClosedWindowsTests {

	@Test
	void logoutWhileBothHomeNodesAreUnreachableStaysALogoutWhenTheyReturn() {
		// W3: the old id's tombstone was written on the third node only; the home nodes are handed it
		// when a probe finds them answering, before requests reach them
		assertHolds(9);
	}

	@Test
	void changeWrittenOnTheBackupWhileThePrimaryWasFrozenIsNotLostToAStaleCasOnThePrimary() {
		// W7: the write by CAS on the resumed primary sees the backup's higher revision, and is
		// written again onto it
		assertHolds(207);
	}

	@Test
	void logoutWrittenOnTheBackupWhileThePrimaryWasFrozenIsNotUndoneByAStaleCasOnThePrimary() {
		// W7 with a tombstone: the save by CAS on the resumed primary used to copy its session over
		// the backup's tombstone
		assertHolds(18);
	}

	@Test
	void readWhoseBackupFailsAsksTheNextNodeRatherThanServeTheStalePrimary() {
		// W8: the backup timed out, and the primary had missed the write copied to the next node
		assertHolds(71);
	}

	@Test
	void changeSavedWhileTheBackupIsNotYetProbedBackIsCopiedToIt() {
		// W9: the save found no other node answering in its instance's view and was written on the
		// primary only; the primary froze next, and the backup, answering again, served the older copy
		assertHolds(85);
	}

	private static void assertHolds(long seed) {
		Result result = SimulationTests.run(seed, Mutant.NONE);
		assertThat(result.violation()).as("seed %d: %s", seed, result.failed() ? result.report(40) : "")
			.isNull();
		assertThat(result.checks()).as("reads checked by seed %d", seed).isPositive();
	}

}
