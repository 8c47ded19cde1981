/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import com.sun.management.ThreadMXBean;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up generation at scale: the time from "every generator bean exists" to "every dynamic
 * bean resolved, registered and active", that is one call of
 * {@code DefaultDynamicBeanFactory.afterSingletonsInstantiated()} in a refreshed context holding
 * {@code size} trivial generators arranged as {@code shape}.
 *
 * <p>Each iteration builds a fresh context outside the measurement and measures one call
 * ({@link Mode#SingleShotTime}); the tear-down checks that every bean is active and was built from
 * the right dependency, so a benchmark that measures a failure fails instead.
 *
 * <p>The engine's log records are formatted into a discarding handler, so that no terminal I/O is
 * measured. By default only WARNING and above (failures, the start-up summary) are formatted;
 * {@code -p engineLog=INFO} adds the INFO line the engine logs for every activated bean.
 *
 * <p>Run it with {@code scripts/bench-graph.sh}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@State(Scope.Thread)
public class GraphScaleBenchmark {

	/** How the generators depend on each other; every shape by default. */
	@Param
	public GraphShape shape = GraphShape.CHAIN;

	/** The number of generators. */
	@Param({ "1000", "10000" })
	public int size;

	/** The lowest level of the engine's log records that are formatted (and discarded). */
	@Param({ "WARNING" })
	public String engineLog = "WARNING";

	/** Whether the heads of the graph fail, so that every other generator waits: the cache is down. */
	@Param({ "false" })
	public boolean headsDown;

	private @Nullable GraphScaleFixture fixture;

	private boolean generated;

	@Setup
	public void prepare() {
		EngineLogging.formatAndDiscard(Level.parse(this.engineLog));
		this.shape.prepare(this.size);
	}

	@Setup(org.openjdk.jmh.annotations.Level.Iteration)
	public void createContext() {
		this.fixture = GraphScaleFixture.create(this.shape, this.size, this.headsDown);
		// Collect the garbage of building the context now, so that the measurement pays only
		// for the collections its own allocations cause.
		System.gc();
	}

	/**
	 * The measurement: start-up generation of every dynamic bean.
	 * @param costs where to record the CPU time and allocation of the calling thread
	 */
	@Benchmark
	public void startupGeneration(ThreadCosts costs) {
		costs.start();
		fixture().generate();
		costs.stop();
		this.generated = true;
	}

	/**
	 * The control: Spring registering and initializing as many beans the way the engine does,
	 * without the engine.
	 * @param costs where to record the CPU time and allocation of the calling thread
	 */
	@Benchmark
	public void springRegistrationOnly(ThreadCosts costs) {
		costs.start();
		fixture().registerWithoutEngine();
		costs.stop();
	}

	@TearDown(org.openjdk.jmh.annotations.Level.Iteration)
	public void verifyAndClose() {
		try {
			if (this.generated) {
				fixture().verify();
			}
		}
		finally {
			fixture().close();
			this.fixture = null;
			this.generated = false;
		}
	}

	/**
	 * Secondary results that tell where the wall-clock time went: the CPU time and the allocation
	 * of the measuring thread alone, and the time the JVM spent in garbage collection meanwhile.
	 * On a shared machine the wall-clock time also counts time spent waiting for a core.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class ThreadCosts {

		private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

		/** CPU time of the thread during the measured call, in milliseconds. */
		public double threadCpuMs;

		/** Bytes allocated by the thread during the measured call, in megabytes. */
		public double allocatedMb;

		/** Time spent in garbage collection during the measured call, in milliseconds. */
		public double gcMs;

		private long cpuStart;

		private long allocatedStart;

		private long gcStart;

		@Setup(org.openjdk.jmh.annotations.Level.Iteration)
		public void reset() {
			this.threadCpuMs = 0;
			this.allocatedMb = 0;
			this.gcMs = 0;
		}

		void start() {
			this.gcStart = gcMillis();
			this.allocatedStart = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
			this.cpuStart = threads.getCurrentThreadCpuTime();
		}

		void stop() {
			this.threadCpuMs = (threads.getCurrentThreadCpuTime() - this.cpuStart) / 1e6;
			this.allocatedMb = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - this.allocatedStart) / 1e6;
			this.gcMs = gcMillis() - this.gcStart;
		}

		private static long gcMillis() {
			long total = 0;
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				total += Math.max(0, collector.getCollectionTime());
			}
			return total;
		}

	}

	private GraphScaleFixture fixture() {
		GraphScaleFixture fixture = this.fixture;
		if (fixture == null) {
			throw new IllegalStateException("No context: createContext() has not run");
		}
		return fixture;
	}

}
