/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a schedule, one per step and one per node operation, and its faults apart.
 */
final class Trace {

	private final List<String> lines = new ArrayList<>();

	private final List<String> faults = new ArrayList<>();

	void add(String line) {
		this.lines.add(line);
	}

	void fault(String line) {
		this.lines.add(line);
		this.faults.add(line);
	}

	List<String> lines() {
		return List.copyOf(this.lines);
	}

	List<String> faults() {
		return List.copyOf(this.faults);
	}

	List<String> last(int count) {
		return List.copyOf(this.lines.subList(Math.max(0, this.lines.size() - count), this.lines.size()));
	}

}
