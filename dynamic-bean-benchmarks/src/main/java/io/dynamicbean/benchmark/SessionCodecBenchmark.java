/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.dynamicbean.memcached.support.DecodedValueCache;
import io.dynamicbean.memcached.support.InvalidSessionEntryException;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * The memcached store's codec work for one request of {@code bench/overhead.sh}'s counter
 * endpoint, on the same session: a form login (Spring Security context: an authenticated
 * {@code UsernamePasswordAuthenticationToken} of a {@code User} whose password was erased, a
 * password factor and a role, {@code WebAuthenticationDetails}), a CSRF token, the counter and the
 * front's version; each with the values written in Java serialization ({@code encoding=java}, the
 * default) and in the compact encoding ({@code encoding=compact},
 * {@code dynamic-bean.memcached.compact-values=true}), side by side.
 *
 * <ul>
 * <li>{@link #encodeLogin}: serialize the security context alone, as a login's save does;
 * <li>{@link #decodeLogin}: read an entry holding the security context alone, the cache off: what
 * reading a login costs when the decoded-value cache does not hold it;
 * <li>{@link #decode}: read the whole entry, as {@code findById} does, with the decoded-value cache
 * on (the default: values whose bytes were read before are not deserialized again);
 * <li>{@link #decodeEveryValue}: the same with the cache off;
 * <li>{@link #writeCounterChange}: what a save of the counter request does on the entry it read:
 * serialize the two changed values, keep the others' bytes, encode the entry.
 * </ul>
 *
 * <p>{@code -p padAttributes=1,10,50 -p padBytes=2000,20000} pads the session with string
 * attributes, as {@code bench/overhead.sh}'s {@code PAD_ATTRIBUTES} and {@code PAD_BYTES} do: how
 * the cost of reading and writing it grows with the session.
 *
 * <p>Run it with {@code ./mvnw -q -B -pl dynamic-bean-benchmarks -am -Pbenchmarks package
 * -DskipTests} then {@code java -jar dynamic-bean-benchmarks/target/benchmarks.jar
 * SessionCodecBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class SessionCodecBenchmark {

	private static final long MAX_BYTES = DataSize.ofMegabytes(1).toBytes();

	/** Spring Security's attribute of the security context. */
	private static final String LOGIN = "SPRING_SECURITY_CONTEXT";

	/** The counter's attribute, as {@code BenchCounterController} names it. */
	private static final String COUNTER = "example.bench.counter";

	/** The front's version attribute, as {@code SessionVersions} names it. */
	private static final String VERSION = "io.dynamicbean.session.VERSION";

	private final String id = UUID.randomUUID().toString();

	private final String key = "dynamic-bean:session:" + this.id;

	/** How values are written: {@code java} (serialization) or {@code compact}. */
	@Param({ "java", "compact" })
	public String encoding = "java";

	/**
	 * How many string attributes pad the session, as {@code bench/overhead.sh}'s
	 * {@code PAD_ATTRIBUTES} does; none by default.
	 */
	@Param({ "0" })
	public int padAttributes;

	/** How many characters the padding attributes hold in all; none by default. */
	@Param({ "0" })
	public int padBytes;

	private SessionCodec codec = codec(DecodedValueCache.DEFAULT_MAX_SIZE);

	private SessionCodec uncachedCodec = codec(DataSize.ofBytes(0));

	private @Nullable SecurityContextImpl login;

	private byte @Nullable [] entry;

	private byte @Nullable [] loginEntry;

	private @Nullable SessionEntry read;

	private long counter;

	/**
	 * Encode the logged-in session, and read it once so that the cache knows its values.
	 * @throws InvalidSessionEntryException never: the entry is valid
	 */
	@Setup
	public void encodeSession() throws InvalidSessionEntryException {
		Assert.isTrue("java".equals(this.encoding) || "compact".equals(this.encoding),
				"encoding must be java or compact");
		this.codec = codec(DecodedValueCache.DEFAULT_MAX_SIZE);
		this.uncachedCodec = codec(DataSize.ofBytes(0));
		User user = new User("user1", "{noop}password", AuthorityUtils.createAuthorityList("ROLE_USER"));
		user.eraseCredentials();
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
						AuthorityUtils.createAuthorityList("ROLE_USER").get(0)));
		token.setDetails(new WebAuthenticationDetails("127.0.0.1", UUID.randomUUID().toString()));
		this.login = new SecurityContextImpl(token);
		Instant now = Instant.now();
		this.loginEntry = this.codec.encode(new SessionEntry(SessionEntry.Kind.SESSION, this.id, now, now,
				Duration.ofMinutes(30), Map.of(LOGIN, serialize(LOGIN, this.login)), Map.of()), MAX_BYTES, this.key);
		Map<String, byte @Nullable []> attributes = new LinkedHashMap<>();
		attributes.put(LOGIN, serialize(LOGIN, this.login));
		attributes.put("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
				serialize("csrf", new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", UUID.randomUUID().toString())));
		for (int i = 0; i < this.padAttributes; i++) {
			attributes.put("example.bench.pad." + i, serialize("pad", pad(i, this.padBytes / this.padAttributes)));
		}
		this.counter = 41;
		attributes.put(COUNTER, serialize(COUNTER, this.counter));
		attributes.put(VERSION, serialize(VERSION, this.counter));
		this.entry = this.codec.encode(new SessionEntry(SessionEntry.Kind.SESSION, this.id, now, now,
				Duration.ofMinutes(30), attributes, Map.of()), MAX_BYTES, this.key);
		this.read = decode();
	}

	/**
	 * Return the encoded entry's length.
	 * @return the length in bytes
	 */
	public int entryLength() {
		return entry().length;
	}

	/**
	 * Serialize the security context of the login.
	 * @return its bytes
	 */
	@Benchmark
	public byte[] encodeLogin() {
		SecurityContextImpl login = this.login;
		if (login == null) {
			throw new IllegalStateException("Not set up");
		}
		return serialize(LOGIN, login);
	}

	/**
	 * Read an entry holding the security context alone, deserializing it.
	 * @return the entry
	 * @throws InvalidSessionEntryException never: the entry is valid
	 */
	@Benchmark
	public SessionEntry decodeLogin() throws InvalidSessionEntryException {
		byte[] loginEntry = this.loginEntry;
		if (loginEntry == null) {
			throw new IllegalStateException("Not set up");
		}
		return this.uncachedCodec.decode(loginEntry, this.id);
	}

	/**
	 * Read the entry with the decoded-value cache on.
	 * @return the entry
	 * @throws InvalidSessionEntryException never: the entry is valid
	 */
	@Benchmark
	public SessionEntry decode() throws InvalidSessionEntryException {
		return this.codec.decode(entry(), this.id);
	}

	/**
	 * Read the entry deserializing every value.
	 * @return the entry
	 * @throws InvalidSessionEntryException never: the entry is valid
	 */
	@Benchmark
	public SessionEntry decodeEveryValue() throws InvalidSessionEntryException {
		return this.uncachedCodec.decode(entry(), this.id);
	}

	/**
	 * Write the entry read with a new counter and version.
	 * @return the encoded entry
	 */
	@Benchmark
	public byte[] writeCounterChange() {
		SessionEntry base = this.read;
		if (base == null) {
			throw new IllegalStateException("Not set up");
		}
		this.counter++;
		Map<String, byte @Nullable []> attributes = new LinkedHashMap<>(base.getRawAttributes());
		attributes.put(COUNTER, serialize(COUNTER, this.counter));
		attributes.put(VERSION, serialize(VERSION, this.counter));
		return this.codec.encode(new SessionEntry(SessionEntry.Kind.SESSION, this.id, base.getCreationTime(),
				Instant.now(), base.getMaxInactiveInterval(), attributes, Map.of()), MAX_BYTES, this.key);
	}

	/**
	 * Return the length of the security context's bytes.
	 * @return the length in bytes
	 */
	public int loginLength() {
		return encodeLogin().length;
	}

	private static String pad(int index, int length) {
		StringBuilder value = new StringBuilder(length);
		while (value.length() < length) {
			value.append(index).append('-');
		}
		value.setLength(length);
		return value.toString();
	}

	private SessionCodec codec(DataSize decodedValueCacheSize) {
		return new SessionCodec(new DeserializationAllowList(), null, new DecodedValueCache(decodedValueCacheSize),
				"compact".equals(this.encoding));
	}

	private byte[] serialize(String name, Object value) {
		return this.codec.serialize(name, value, MAX_BYTES, this.key);
	}

	private byte[] entry() {
		byte[] entry = this.entry;
		if (entry == null) {
			throw new IllegalStateException("Not set up");
		}
		return entry;
	}

}
