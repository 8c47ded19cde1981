/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The same form login as {@link SessionCodecBenchmark}'s, written and read as JSON with Spring
 * Security's own Jackson modules ({@link SecurityJacksonModules}, with the type validator they
 * configure), for comparison with Java serialization and the compact encoding: {@link #writeLogin}
 * and {@link #readLogin}.
 *
 * <p>Run it beside the codec's, in one run: {@code java -jar
 * dynamic-bean-benchmarks/target/benchmarks.jar 'SessionCodecBenchmark.*Login|LoginJsonBenchmark'}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class LoginJsonBenchmark {

	private final JsonMapper mapper = JsonMapper.builder()
		.addModules(SecurityJacksonModules.getModules(getClass().getClassLoader()))
		.build();

	private @Nullable SecurityContextImpl login;

	private byte @Nullable [] json;

	/**
	 * Build the login and its JSON.
	 */
	@Setup
	public void encodeLogin() {
		User user = new User("user1", "{noop}password", AuthorityUtils.createAuthorityList("ROLE_USER"));
		user.eraseCredentials();
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
						AuthorityUtils.createAuthorityList("ROLE_USER").get(0)));
		token.setDetails(new WebAuthenticationDetails("127.0.0.1", UUID.randomUUID().toString()));
		this.login = new SecurityContextImpl(token);
		this.json = writeLogin();
	}

	/**
	 * Write the login as JSON.
	 * @return its bytes
	 */
	@Benchmark
	public byte[] writeLogin() {
		return this.mapper.writeValueAsBytes(state(this.login));
	}

	/**
	 * Read the login from its JSON.
	 * @return the security context
	 */
	@Benchmark
	public SecurityContext readLogin() {
		return this.mapper.readValue(state(this.json), SecurityContext.class);
	}

	/**
	 * Return the JSON's length.
	 * @return the length in bytes
	 */
	public int jsonLength() {
		return state(this.json).length;
	}

	private static <T> T state(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("Not set up");
		}
		return value;
	}

}
