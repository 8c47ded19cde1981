/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Releases of an application that keep a value of their own class in sessions, for tests of a
 * deploy that changes that class: each release is a class loader holding its own compiled version
 * of {@value #CLASS_NAME}, a {@code Serializable} class whose {@code serialVersionUID} is the
 * release's, compiled at test time with the JDK's compiler. The test's own class loader stands for
 * a release without the class.
 */
public final class SessionClassReleases {

	/** The package of the session-held class, to put on the allow-list. */
	public static final String PACKAGE = "io.dynamicbean.testrelease";

	/** The session-held class, different in each release. */
	public static final String CLASS_NAME = PACKAGE + ".Visit";

	private static final String SOURCE = """
			package io.dynamicbean.testrelease;

			public class Visit implements java.io.Serializable {

				private static final long serialVersionUID = %dL;

				private final String page;

				public Visit(String page) {
					this.page = page;
				}

				@Override
				public boolean equals(Object other) {
					return other instanceof Visit visit && visit.page.equals(this.page);
				}

				@Override
				public int hashCode() {
					return this.page.hashCode();
				}

				@Override
				public String toString() {
					return "Visit of " + this.page + " (release %d)";
				}

			}
			""";

	private SessionClassReleases() {
	}

	/**
	 * Compile the session-held class of a release and return a class loader holding it, whose
	 * parent is the test's class loader.
	 * @param serialVersionUID the release's version of the class
	 * @return the release's class loader
	 */
	public static ClassLoader release(long serialVersionUID) {
		try {
			Path dir = Files.createTempDirectory("release-" + serialVersionUID);
			compileInto(dir, serialVersionUID);
			return new URLClassLoader(new URL[] { dir.toUri().toURL() }, SessionClassReleases.class.getClassLoader());
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Compile the session-held class of a release into a directory, as {@code <dir>/io/...}.
	 * @param dir the class path directory
	 * @param serialVersionUID the release's version of the class
	 * @throws IOException if the source cannot be written
	 */
	public static void compileInto(Path dir, long serialVersionUID) throws IOException {
		Path source = Files.createTempDirectory("release-source").resolve("Visit.java");
		Files.writeString(source, SOURCE.formatted(serialVersionUID, serialVersionUID));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler).as("the JDK's compiler (run the tests on a JDK, not a JRE)").isNotNull();
		int status = compiler.run(null, null, null,
				List.of("-d", dir.toString(), "--release", "17", source.toString()).toArray(String[]::new));
		assertThat(status).as("javac status of %s", source).isZero();
	}

	/**
	 * Return the test's own class loader, which has no session-held class: a release without it.
	 * @return the class loader
	 */
	public static ClassLoader withoutTheClass() {
		return SessionClassReleases.class.getClassLoader();
	}

	/**
	 * Create a value of a release's session-held class.
	 * @param release the release's class loader
	 * @param page what the value holds
	 * @return the value
	 */
	public static Object visit(ClassLoader release, String page) {
		try {
			return release.loadClass(CLASS_NAME).getConstructor(String.class).newInstance(page);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create a " + CLASS_NAME + " of " + release, ex);
		}
	}

}
