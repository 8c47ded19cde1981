/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls go one way: the web edge ({@code io.dynamicbean.session.web}) uses the front, never the
 * reverse, and the front and the packages below it import no servlet type. Read from the sources
 * of this module.
 */
class FrontLayeringTests {

	private static final Path SOURCES = Path.of("src/main/java/io/dynamicbean/session");

	@ParameterizedTest
	@ValueSource(strings = { "", "support", "serialization" })
	void frontImportsNoServletType(String subpackage) throws IOException {
		assertThat(importsOf(subpackage, "import jakarta.servlet")).as("servlet imports in io.dynamicbean.session%s",
				subpackage.isEmpty() ? "" : "." + subpackage)
			.isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "support", "serialization" })
	void frontImportsNothingFromTheWebEdge(String subpackage) throws IOException {
		assertThat(importsOf(subpackage, "import io.dynamicbean.session.web."))
			.as("web imports in io.dynamicbean.session%s", subpackage.isEmpty() ? "" : "." + subpackage)
			.isEmpty();
	}

	private static List<String> importsOf(String subpackage, String prefix) throws IOException {
		Path folder = SOURCES.resolve(subpackage);
		assertThat(folder).as("source folder (tests run from the module folder)").isDirectory();
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".java")).flatMap((file) -> {
				try {
					return Files.readAllLines(file)
						.stream()
						.filter((line) -> line.startsWith(prefix))
						.map((line) -> file.getFileName() + ": " + line);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
	}

}
