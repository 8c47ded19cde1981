/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The classes that session attribute values read back from a shared store (memcached, Redis, a
 * database) may be deserialized to, and the limits on the stream: an {@link ObjectInputFilter}
 * allow-list. Anyone who can write to the store can plant bytes there, so nothing outside this
 * list is ever loaded, let alone instantiated.
 *
 * <p>Allowed by default: the value types of {@code java.lang} and {@code java.math}, the
 * collections of {@code java.util} (and their unmodifiable, empty and singleton wrappers),
 * {@link java.util.UUID}, {@link java.util.Locale}, {@link java.util.Date}, every type of
 * {@code java.time}, Spring Session's {@code MapSession}, and the Spring Security types that a
 * login keeps in a session: the security context, authentication tokens, users, authorities,
 * authentication details and exceptions, CSRF tokens and saved requests. Proxy classes are never
 * allowed (see {@link AllowListObjectInputStream}). Application types are added by exact class
 * name or by package (which includes its sub-packages), with the
 * {@code dynamic-bean.session.serialization.*} properties in Spring Boot.
 *
 * <p>Limits: the stream's size in bytes ({@value #DEFAULT_MAX_BYTES} by default), the nesting
 * depth ({@value #DEFAULT_MAX_DEPTH} by default), the number of objects, strings included
 * ({@value #DEFAULT_MAX_REFERENCES} by default; {@link AllowListObjectInputStream} counts the
 * strings, which the filter does not see), and the length of any array (at most the
 * stream's size, since a genuine array cannot be longer than the bytes that encode it).
 *
 * <p>Immutable: {@link #allowing(Collection, Collection)} and {@link #withMaxBytes(long)} return
 * new instances.
 */
public final class DeserializationAllowList implements ObjectInputFilter {

	/** Default limit on the size of one stream, in bytes: 1 MB, memcached's item size limit. */
	public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

	/** Default limit on the nesting depth of deserialized objects. */
	public static final int DEFAULT_MAX_DEPTH = 32;

	/** Default limit on the number of objects, strings included, in one session entry. */
	public static final int DEFAULT_MAX_REFERENCES = 10_000;

	private static final Set<String> DEFAULT_CLASSES = Set.of("java.lang.Boolean", "java.lang.Byte",
			"java.lang.Character", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
			"java.lang.Double", "java.lang.Number", "java.lang.String", "java.lang.String$CaseInsensitiveComparator",
			"java.lang.Enum", "java.lang.StackTraceElement", "java.lang.Throwable", "java.lang.Exception",
			"java.lang.RuntimeException", "java.math.BigInteger", "java.math.BigDecimal", "java.util.ArrayList",
			"java.util.LinkedList", "java.util.ArrayDeque", "java.util.HashMap", "java.util.LinkedHashMap",
			"java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
			"java.util.Arrays$ArrayList", "java.util.CollSer", "java.util.ImmutableCollections$List12",
			"java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$Set12",
			"java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Map1",
			"java.util.ImmutableCollections$MapN", "java.util.Collections$UnmodifiableCollection",
			"java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableSortedSet",
			"java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList",
			"java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableSortedMap",
			"java.util.Collections$EmptyList", "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
			"java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
			"java.util.Collections$SingletonMap", "java.util.Locale", "java.util.UUID", "java.util.Date",
			"java.util.Map$Entry", "org.springframework.session.MapSession",
			"org.springframework.security.web.authentication.WebAuthenticationDetails");

	/** Packages allowed without their sub-packages. */
	private static final Set<String> DEFAULT_PACKAGES = Set.of("org.springframework.security.core",
			"org.springframework.security.core.authority", "org.springframework.security.core.context",
			"org.springframework.security.core.userdetails", "org.springframework.security.authentication",
			"org.springframework.security.web.csrf", "org.springframework.security.web.savedrequest");

	/** Packages allowed with their sub-packages. */
	private static final List<String> DEFAULT_PACKAGE_TREES = List.of("java.time");

	private final List<String> allowedClasses;

	private final List<String> allowedPackages;

	private final Set<String> classes;

	private final Set<String> packages;

	private final List<String> packageTrees;

	private final long maxBytes;

	private final int maxDepth;

	private final int maxReferences;

	/**
	 * Create an allow-list of the defaults alone, with the default limits.
	 */
	public DeserializationAllowList() {
		this(List.of(), List.of(), DEFAULT_MAX_BYTES);
	}

	/**
	 * Create an allow-list of the defaults and the given application types, with the default
	 * depth and reference limits.
	 * @param allowedClasses fully qualified names of further classes to allow (nested classes
	 * with {@code $}), not {@code null}
	 * @param allowedPackages further packages to allow, each with its sub-packages, not
	 * {@code null}
	 * @param maxBytes the largest stream to read, in bytes; also the longest array
	 */
	public DeserializationAllowList(Collection<String> allowedClasses, Collection<String> allowedPackages,
			long maxBytes) {
		this(allowedClasses, allowedPackages, maxBytes, DEFAULT_MAX_DEPTH, DEFAULT_MAX_REFERENCES);
	}

	/**
	 * Create an allow-list of the defaults and the given application types.
	 * @param allowedClasses fully qualified names of further classes to allow, not {@code null}
	 * @param allowedPackages further packages to allow, each with its sub-packages, not
	 * {@code null}
	 * @param maxBytes the largest stream to read, in bytes; also the longest array
	 * @param maxDepth the deepest nesting of objects, at least 1
	 * @param maxReferences the most object references, at least 1
	 */
	public DeserializationAllowList(Collection<String> allowedClasses, Collection<String> allowedPackages,
			long maxBytes, int maxDepth, int maxReferences) {
		Assert.notNull(allowedClasses, "allowedClasses must not be null");
		Assert.notNull(allowedPackages, "allowedPackages must not be null");
		Assert.isTrue(maxBytes > 0, "maxBytes must be positive");
		Assert.isTrue(maxDepth > 0, "maxDepth must be positive");
		Assert.isTrue(maxReferences > 0, "maxReferences must be positive");
		this.allowedClasses = allowedClasses.stream().map(String::trim).filter(StringUtils::hasText).toList();
		this.allowedPackages = allowedPackages.stream()
			.map(String::trim)
			.filter(StringUtils::hasText)
			.map((name) -> name.endsWith(".") ? name.substring(0, name.length() - 1) : name)
			.toList();
		Set<String> classes = new HashSet<>(DEFAULT_CLASSES);
		classes.addAll(this.allowedClasses);
		List<String> trees = new ArrayList<>(DEFAULT_PACKAGE_TREES);
		trees.addAll(this.allowedPackages);
		this.classes = Set.copyOf(classes);
		this.packages = DEFAULT_PACKAGES;
		this.packageTrees = List.copyOf(trees);
		this.maxBytes = maxBytes;
		this.maxDepth = maxDepth;
		this.maxReferences = maxReferences;
	}

	/**
	 * Return whether a class may be deserialized, judged by its name alone so that a refused class
	 * is never loaded. Array classes are allowed when their element type is a primitive, an allowed
	 * class, or {@code Object} (whose elements are checked one by one).
	 * @param className the binary name, as in {@link Class#getName()}
	 * @return {@code true} if the class is on the allow-list
	 */
	public boolean isAllowed(String className) {
		if (className.startsWith("[")) {
			String element = className.substring(className.lastIndexOf('[') + 1);
			if (element.length() == 1) {
				return true;
			}
			String elementClass = element.substring(1, element.length() - 1);
			return element.startsWith("L") && element.endsWith(";")
					&& ("java.lang.Object".equals(elementClass) || isAllowed(elementClass));
		}
		if (this.classes.contains(className)) {
			return true;
		}
		int lastDot = className.lastIndexOf('.');
		String packageName = (lastDot > 0) ? className.substring(0, lastDot) : "";
		if (this.packages.contains(packageName)) {
			return true;
		}
		for (String tree : this.packageTrees) {
			if (packageName.equals(tree) || packageName.startsWith(tree + ".")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return an allow-list with these types and limits plus the given application types.
	 * @param classes further fully qualified class names, not {@code null}
	 * @param packages further packages, each with its sub-packages, not {@code null}
	 * @return a new allow-list
	 */
	public DeserializationAllowList allowing(Collection<String> classes, Collection<String> packages) {
		Assert.notNull(classes, "classes must not be null");
		Assert.notNull(packages, "packages must not be null");
		List<String> allClasses = new ArrayList<>(this.allowedClasses);
		allClasses.addAll(classes);
		List<String> allPackages = new ArrayList<>(this.allowedPackages);
		allPackages.addAll(packages);
		return new DeserializationAllowList(allClasses, allPackages, this.maxBytes, this.maxDepth, this.maxReferences);
	}

	/**
	 * Return an allow-list of the same types and limits, but another byte limit; for example a
	 * store's item size.
	 * @param maxBytes the largest stream to read, in bytes, positive
	 * @return a new allow-list
	 */
	public DeserializationAllowList withMaxBytes(long maxBytes) {
		return new DeserializationAllowList(this.allowedClasses, this.allowedPackages, maxBytes, this.maxDepth,
				this.maxReferences);
	}

	/**
	 * Refuse what breaks a limit or is not on the list; allow a listed class.
	 */
	@Override
	public Status checkInput(FilterInfo info) {
		if (rejection(info) != null) {
			return Status.REJECTED;
		}
		return (info.serialClass() != null) ? Status.ALLOWED : Status.UNDECIDED;
	}

	/**
	 * Judge one step of a deserialization: limits first, then the class.
	 * @param info what the stream is about to read
	 * @return why it is rejected, or {@code null} if it is allowed
	 */
	public @Nullable String rejection(ObjectInputFilter.FilterInfo info) {
		if (info.streamBytes() > this.maxBytes) {
			return "the entry is larger than " + this.maxBytes + " bytes";
		}
		if (info.depth() > this.maxDepth) {
			return "objects are nested deeper than " + this.maxDepth + " levels";
		}
		if (info.references() > this.maxReferences) {
			return "the entry holds more than " + this.maxReferences + " object references";
		}
		if (info.arrayLength() > this.maxBytes) {
			return "an array of " + info.arrayLength() + " elements is longer than the entry can hold";
		}
		Class<?> serialClass = info.serialClass();
		if (serialClass != null && !isAllowed(serialClass.getName())) {
			return "class " + serialClass.getName() + " is not on the allow-list";
		}
		return null;
	}

	/**
	 * Return the largest stream that is read, in bytes.
	 * @return the byte limit
	 */
	public long getMaxBytes() {
		return this.maxBytes;
	}

	/**
	 * Return the most objects one stream may hold, strings and back-references included.
	 * @return the reference limit
	 */
	public int getMaxReferences() {
		return this.maxReferences;
	}

	/**
	 * Return the application classes allowed beyond the defaults.
	 * @return fully qualified class names
	 */
	public List<String> getAllowedClasses() {
		return this.allowedClasses;
	}

	/**
	 * Return the application packages allowed beyond the defaults, each with its sub-packages.
	 * @return package names
	 */
	public List<String> getAllowedPackages() {
		return this.allowedPackages;
	}

	@Override
	public String toString() {
		return "DeserializationAllowList[defaults, classes=" + this.allowedClasses + ", packages="
				+ this.allowedPackages + ", maxBytes=" + this.maxBytes + ", maxDepth=" + this.maxDepth
				+ ", maxReferences=" + this.maxReferences + "]";
	}

}
