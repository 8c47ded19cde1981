/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Level;

import com.sun.management.ThreadMXBean;

/**
 * The graph-scale measurement without JMH, for profiling (attach JFR or a profiler to one plain
 * JVM) and quick checks: builds {@code runs} fresh contexts and prints, for each start-up
 * generation and as medians, the wall-clock time, the CPU time and the allocation of the thread.
 *
 * <pre class="code">
 * java -cp dynamic-bean-benchmarks/target/benchmarks.jar io.dynamicbean.benchmark.GraphScaleMain CHAIN 10000 20
 * </pre>
 */
public final class GraphScaleMain {

	private GraphScaleMain() {
	}

	/**
	 * Run the measurement.
	 * @param args the {@link GraphShape} name, the number of generators and the number of runs
	 */
	public static void main(String[] args) {
		if (args.length != 3) {
			System.err.println("Usage: GraphScaleMain <shape>[_DOWN|_BASELINE] <generators> <runs>");
			System.err.println("  shape: CHAIN, CHAINS_OF_10 or FAN; _DOWN: the heads fail; _BASELINE: Spring alone");
			System.exit(2);
		}
		boolean baseline = args[0].endsWith("_BASELINE");
		boolean headsDown = args[0].endsWith("_DOWN");
		GraphShape shape = GraphShape.valueOf(args[0].replace("_BASELINE", "").replace("_DOWN", ""));
		int size = Integer.parseInt(args[1]);
		int runs = Integer.parseInt(args[2]);
		EngineLogging.formatAndDiscard(Level.WARNING);
		shape.prepare(size);
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long thread = Thread.currentThread().getId();
		double[] millis = new double[runs];
		double[] cpuMillis = new double[runs];
		double[] allocatedMegabytes = new double[runs];
		for (int run = 0; run < runs; run++) {
			try (GraphScaleFixture fixture = GraphScaleFixture.create(shape, size, headsDown)) {
				System.gc();
				long allocatedStart = threads.getThreadAllocatedBytes(thread);
				long cpuStart = threads.getCurrentThreadCpuTime();
				long start = System.nanoTime();
				if (baseline) {
					fixture.registerWithoutEngine();
				}
				else {
					fixture.generate();
				}
				millis[run] = (System.nanoTime() - start) / 1e6;
				cpuMillis[run] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
				allocatedMegabytes[run] = (threads.getThreadAllocatedBytes(thread) - allocatedStart) / 1e6;
				if (!baseline) {
					fixture.verify();
				}
			}
			System.out.printf(Locale.ROOT, "%s %d run %d: %.1f ms (thread CPU %.1f ms, allocated %.0f MB)%n", args[0],
					size, run + 1, millis[run], cpuMillis[run], allocatedMegabytes[run]);
		}
		Arrays.sort(millis);
		Arrays.sort(cpuMillis);
		Arrays.sort(allocatedMegabytes);
		System.out.printf(Locale.ROOT, "%s %d median of %d runs: %.1f ms (thread CPU %.1f ms, allocated %.0f MB)%n",
				args[0], size, runs, millis[runs / 2], cpuMillis[runs / 2], allocatedMegabytes[runs / 2]);
	}

}
