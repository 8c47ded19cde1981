/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoxedNumbers}.
 */
class BoxedNumbersTests {

	@Test
	void writesExactlyWhatObjectOutputStreamWritesAndReadsItBack() throws IOException {
		Random random = new Random(42);
		List<Object> values = new ArrayList<>(List.of(0L, 1L, -1L, 255L, 256L, Long.MIN_VALUE,
				Long.MAX_VALUE, 0, 1, -1, 128, -129, Integer.MIN_VALUE, Integer.MAX_VALUE));
		for (int i = 0; i < 1000; i++) {
			values.add(random.nextLong());
			values.add(random.nextInt());
		}
		for (Object value : values) {
			byte[] bytes = BoxedNumbers.serialize(value);
			assertThat(bytes).as("%s %s", value.getClass().getSimpleName(), value).isEqualTo(javaSerialization(value));
			assertThat(BoxedNumbers.deserialize(bytes)).isEqualTo(value).hasSameClassAs(value);
		}
	}

	@Test
	void leavesEveryOtherValueToJavaSerialization() throws IOException {
		assertThat(BoxedNumbers.serialize("1")).isNull();
		assertThat(BoxedNumbers.serialize((short) 1)).isNull();
		assertThat(BoxedNumbers.serialize(null)).isNull();
		assertThat(BoxedNumbers.deserialize(javaSerialization("12345678"))).isNull();
		assertThat(BoxedNumbers.deserialize(javaSerialization(1.5d))).isNull();
		byte[] longer = Arrays.copyOf(javaSerialization(7L), javaSerialization(7L).length + 1);
		assertThat(BoxedNumbers.deserialize(longer)).isNull();
		byte[] shorter = Arrays.copyOf(javaSerialization(7L), javaSerialization(7L).length - 1);
		assertThat(BoxedNumbers.deserialize(shorter)).isNull();
		assertThat(BoxedNumbers.deserialize(new byte[0])).isNull();
	}

	private static byte[] javaSerialization(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
