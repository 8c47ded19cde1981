/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;

import io.dynamicbean.session.web.SessionAffinity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StoreRetryRules}.
 */
class StoreRetryRulesTests {

	@Test
	void releasesAfterTheRetryDelayWithItsJitterRoundedUpToFiveSeconds() {
		assertThat(StoreRetryRules.releaseAfter(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(35));
		assertThat(StoreRetryRules.releaseAfter(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(15));
		assertThat(StoreRetryRules.releaseAfter(Duration.ofSeconds(50))).as("55 s exactly")
			.isEqualTo(Duration.ofSeconds(55));
		assertThat(StoreRetryRules.releaseAfter(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(70));
		assertThat(StoreRetryRules.releaseAfter(Duration.ZERO)).as("never retried").isEqualTo(Duration.ZERO);
	}

	@Test
	void theAffinitysDefaultReleaseDelayFollowsTheDefaultRetryDelay() {
		assertThat(SessionAffinity.DEFAULT_RELEASE_AFTER)
			.isEqualTo(StoreRetryRules.releaseAfter(SessionStoreGeneratorAdapter.DEFAULT_RETRY_DELAY))
			.isEqualTo(Duration.ofSeconds(35));
	}

	@Test
	void refusesARetryDelayOfFractionalSecondsNamingWhatWasSet() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoreRetryRules.checkRetryDelay(Duration.ofMillis(1500), "dynamic-bean.x.retry-delay"))
			.withMessage("dynamic-bean.x.retry-delay must be a whole number of seconds, zero (never retry) or more, "
					+ "but was PT1.5S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoreRetryRules.checkRetryDelay(Duration.ofSeconds(-1), "delay"));
	}

	@Test
	void refusesAFailureThresholdBelowOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoreRetryRules.checkFailureThreshold(0, "dynamic-bean.x.failure-threshold"))
			.withMessage("dynamic-bean.x.failure-threshold must be at least 1, but was 0");
		assertThat(StoreRetryRules.checkFailureThreshold(1, "threshold")).isEqualTo(1);
	}

}
