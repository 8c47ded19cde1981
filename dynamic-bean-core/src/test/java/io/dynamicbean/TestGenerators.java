/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Beans and generators shared by the specification tests of the core.
 */
final class TestGenerators {

	/** Records the order in which generators ran, across a test. */
	static final List<String> generated = Collections.synchronizedList(new ArrayList<>());

	private TestGenerators() {
	}

	static void reset() {
		generated.clear();
	}

	/** A generated bean that remembers what it was built from and whether it was closed. */
	static class Thing implements AutoCloseable {

		final String name;

		final List<Thing> parts;

		volatile boolean closed;

		Thing(String name, Thing... parts) {
			this.name = name;
			this.parts = List.of(parts);
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

	static class Alpha extends Thing {

		Alpha() {
			super("alpha");
		}

	}

	static class Beta extends Thing {

		Beta(Alpha alpha) {
			super("beta", alpha);
		}

	}

	static class Gamma extends Thing {

		Gamma(Beta beta) {
			super("gamma", beta);
		}

	}

	static class Delta extends Thing {

		Delta(Gamma gamma) {
			super("delta", gamma);
		}

	}

	/**
	 * A generator that fails a given number of times before it succeeds, counting its calls.
	 */
	abstract static class ScriptedGenerator<T> extends DynamicGeneratorAdapter<T> {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger failuresLeft = new AtomicInteger();

		int delaySeconds;

		boolean directOnly;

		ScriptedGenerator<T> failing(int times) {
			this.failuresLeft.set(times);
			return this;
		}

		ScriptedGenerator<T> delay(int seconds) {
			this.delaySeconds = seconds;
			return this;
		}

		ScriptedGenerator<T> directOnly() {
			this.directOnly = true;
			return this;
		}

		@Override
		public int getDelaySeconds() {
			return this.delaySeconds;
		}

		@Override
		public boolean isOnlyDirectGenerate() {
			return this.directOnly;
		}

		@Override
		public T generate() throws Exception {
			this.calls.incrementAndGet();
			generated.add(getBeanName());
			if (this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				throw new java.io.IOException("Connection refused by " + getBeanName());
			}
			return create();
		}

		abstract T create();

	}

	static class AlphaGenerator extends ScriptedGenerator<Alpha> {

		@Override
		Alpha create() {
			return new Alpha();
		}

	}

	static class BetaGenerator extends ScriptedGenerator<Beta> {

		@DynamicAutowired
		Alpha alpha;

		@Override
		Beta create() {
			return new Beta(this.alpha);
		}

	}

	static class GammaGenerator extends ScriptedGenerator<Gamma> {

		@DynamicAutowired
		Beta beta;

		@Override
		Gamma create() {
			return new Gamma(this.beta);
		}

	}

	static class DeltaGenerator extends ScriptedGenerator<Delta> {

		@DynamicAutowired
		Gamma gamma;

		@Override
		Delta create() {
			return new Delta(this.gamma);
		}

	}

}
