/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that no id a client sends reaches the front's own records or any store: forged, reserved
 * and malformed ids find no session.
 */
class ReservedSessionIdsTests {

	private final LocalSessionRepository local = new LocalSessionRepository();

	private final SwitchableSessionRepository repository = new SwitchableSessionRepository(this.local);

	private final FlakySessionRepository remote = new FlakySessionRepository()
		.withSessionIdGenerator(this.repository.getSessionIdGenerator());

	@Test
	void theEpochMarkerIsNoSessionThroughTheFront() {
		this.repository.switchTo("memcached", this.remote);
		assertThat(this.remote.held(SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID)).as("marker written").isNotNull();

		assertThat(this.repository.findById(SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID)).isNull();
		this.repository.deleteById(SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID);

		assertThat(this.remote.held(SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID)).as("marker kept").isNotNull();
	}

	@Test
	void theMarkerIdOfEarlierReleasesIsNoSessionEvenWhereTheStoreHoldsOne() {
		MapSession legacyMarker = new MapSession("dynamic-bean-store-epoch");
		legacyMarker.setAttribute(StoreEpochs.EPOCH_ATTRIBUTE, "an old epoch");
		this.remote.save(legacyMarker);
		this.repository.switchTo("memcached", this.remote);

		assertThat(this.repository.findById("dynamic-bean-store-epoch")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "x", "../../etc/passwd", "0123456789abcdef 0123", "0123456789abcdef\r\nflush_all",
			"dynamic-bean.anything", "0123456789abcdef%00" })
	void malformedIdsFindNoSessionAndAskNoStore(String id) {
		this.repository.switchTo("memcached", this.remote);
		int calls = this.remote.calls();

		assertThat(this.repository.findById(id)).isNull();
		this.repository.deleteById(id);

		assertThat(this.remote.calls()).as("calls to the store").isEqualTo(calls);
	}

	@Test
	void malformedIdsFindNoSessionInTheLocalStoreEither() {
		MapSession planted = new MapSession("not a session id");
		this.local.store(planted, null, false);

		assertThat(this.repository.findById("not a session id")).isNull();
	}

	@Test
	void refusesAnIdGeneratorWhoseIdsNoRequestCouldNameAgain() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SwitchableSessionRepository(this.local, new PreservingSessionIdGenerator(() -> "42")))
			.withMessageContaining("made '42', which is not a well-formed session id");
	}

}
