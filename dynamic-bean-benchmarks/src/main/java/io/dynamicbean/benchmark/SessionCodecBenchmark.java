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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.util.unit.DataSize;

/**
 * The memcached store's codec work for one request of {@code bench/overhead.sh}'s counter
 * endpoint, on the same session: a form login (Spring Security context), a CSRF token, the
 * counter and the front's version.
 *
 * <ul>
 * <li>{@link #decode}: read the entry, as {@code findById} does, with the decoded-value cache on
 * (the default: values whose bytes were read before are not deserialized again);
 * <li>{@link #decodeEveryValue}: the same with the cache off;
 * <li>{@link #writeCounterChange}: what a save of the counter request does on the entry it read:
 * serialize the two changed values, keep the others' bytes, encode the entry.
 * </ul>
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

	/** The counter's attribute, as {@code BenchCounterController} names it. */
	private static final String COUNTER = "example.bench.counter";

	/** The front's version attribute, as {@code SessionVersions} names it. */
	private static final String VERSION = "io.dynamicbean.session.VERSION";

	private final String id = UUID.randomUUID().toString();

	private final String key = "dynamic-bean:session:" + this.id;

	private final SessionCodec codec = new SessionCodec(new DeserializationAllowList(), null,
			new DecodedValueCache(DecodedValueCache.DEFAULT_MAX_SIZE));

	private final SessionCodec uncachedCodec = new SessionCodec(new DeserializationAllowList(), null);

	private byte @Nullable [] entry;

	private @Nullable SessionEntry read;

	private long counter;

	/**
	 * Encode the logged-in session, and read it once so that the cache knows its values.
	 * @throws InvalidSessionEntryException never: the entry is valid
	 */
	@Setup
	public void encodeSession() throws InvalidSessionEntryException {
		User user = new User("user1", "{noop}password", AuthorityUtils.createAuthorityList("ROLE_USER"));
		UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
						AuthorityUtils.createAuthorityList("ROLE_USER").get(0)));
		Map<String, byte @Nullable []> attributes = new LinkedHashMap<>();
		attributes.put("SPRING_SECURITY_CONTEXT", serialize("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(login)));
		attributes.put("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
				serialize("csrf", new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", UUID.randomUUID().toString())));
		this.counter = 41;
		attributes.put(COUNTER, serialize(COUNTER, this.counter));
		attributes.put(VERSION, serialize(VERSION, this.counter));
		Instant now = Instant.now();
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
