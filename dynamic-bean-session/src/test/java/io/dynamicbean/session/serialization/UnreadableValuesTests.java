/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.io.InvalidClassException;
import java.io.StreamCorruptedException;

import io.dynamicbean.session.serialization.UnreadableValue.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UnreadableValues} and {@link UnreadableValue}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreadableValuesTests {

	@Test
	void countsEachValueByReason() {
		UnreadableValues values = new UnreadableValues("memcached");
		values.record("cart", new UnreadableValue(Reason.CHANGED_CLASS, "com.example.Cart", "changed"));
		values.record("cart", new UnreadableValue(Reason.CHANGED_CLASS, "com.example.Cart", "changed"));
		values.record(null, new UnreadableValue(Reason.CORRUPT, null, "garbage"));
		assertThat(values.getCount(Reason.CHANGED_CLASS)).isEqualTo(2);
		assertThat(values.getCount(Reason.CORRUPT)).isOne();
		assertThat(values.getCount(Reason.REFUSED)).isZero();
		assertThat(values.getTotal()).isEqualTo(3);
	}

	@Test
	void warnsOncePerClassAndReasonNamingAttributeClassAndWhy(CapturedOutput output) {
		UnreadableValues values = new UnreadableValues("memcached");
		for (int i = 0; i < 3; i++) {
			values.record("cart", new UnreadableValue(Reason.CHANGED_CLASS, "com.example.Cart", "it changed"));
		}
		values.record("cart", new UnreadableValue(Reason.MISSING_CLASS, "com.example.Cart", "it is missing"));
		assertThat(output.getOut().split("WARN", -1)).as("WARN lines").hasSize(3);
		assertThat(output).contains("read back from memcached: it changed (attribute 'cart', class com.example.Cart, "
				+ "reason changed-class)");
	}

	@Test
	void remembersABoundedNumberOfClassesWarnedAbout(CapturedOutput output) {
		UnreadableValues values = new UnreadableValues("redis", 2);
		for (int i = 0; i < 10; i++) {
			values.record(null, new UnreadableValue(Reason.MISSING_CLASS, "com.example.C" + i, "missing"));
		}
		assertThat(output.getOut().split("WARN", -1)).as("WARN lines: two classes and one saying the rest is at DEBUG")
			.hasSize(4);
		assertThat(output).contains("more than 2 classes and reasons");
		assertThat(values.getCount(Reason.MISSING_CLASS)).isEqualTo(10);
	}

	@Test
	void tellsAChangedClassFromAMissingOneAndCorruptBytes() {
		assertThat(UnreadableValue.of(new InvalidClassException("com.example.Cart", "incompatible"), null))
			.extracting(UnreadableValue::reason, UnreadableValue::className)
			.containsExactly(Reason.CHANGED_CLASS, "com.example.Cart");
		assertThat(UnreadableValue.of(new ClassNotFoundException("com.example.Cart"), null))
			.extracting(UnreadableValue::reason, UnreadableValue::className)
			.containsExactly(Reason.MISSING_CLASS, "com.example.Cart");
		assertThat(UnreadableValue.of(new StreamCorruptedException("bad header"), null).reason())
			.isEqualTo(Reason.CORRUPT);
	}

	@Test
	void refusesAStoreWithoutAName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UnreadableValues(" "))
			.withMessage("storeName must not be empty");
	}

}
