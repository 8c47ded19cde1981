/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link PreservingSessionIdGenerator}.
 */
class PreservingSessionIdGeneratorTests {

	private final PreservingSessionIdGenerator generator = new PreservingSessionIdGenerator(() -> "fresh");

	@Test
	void delegatesOutsideMigrations() {
		assertThat(this.generator.generate()).isEqualTo("fresh");
	}

	@Test
	void generatesUuidsByDefault() {
		assertThat(new PreservingSessionIdGenerator().generate()).hasSize(36).isNotEqualTo(new PreservingSessionIdGenerator().generate());
	}

	@Test
	void handsOutPreservedIdOnceDuringAction() {
		String[] ids = this.generator.withPreservedId("kept",
				() -> new String[] { this.generator.generate(), this.generator.generate() });

		assertThat(ids).containsExactly("kept", "fresh");
	}

	@Test
	void forgetsPreservedIdAfterAction() {
		this.generator.withPreservedId("kept", () -> "unused");

		assertThat(this.generator.generate()).isEqualTo("fresh");
	}

	@Test
	void forgetsPreservedIdWhenActionThrows() {
		assertThatIllegalStateException().isThrownBy(() -> this.generator.withPreservedId("kept", () -> {
			throw new IllegalStateException("remote down");
		}));

		assertThat(this.generator.generate()).isEqualTo("fresh");
	}

	@Test
	void preservesIdOnlyOnTheMigratingThread() throws Exception {
		String other = this.generator.withPreservedId("kept",
				() -> CompletableFuture.supplyAsync(this.generator::generate).join());

		assertThat(other).isEqualTo("fresh");
		assertThat(CompletableFuture.supplyAsync(this.generator::generate).get(5, TimeUnit.SECONDS)).isEqualTo("fresh");
	}

}
