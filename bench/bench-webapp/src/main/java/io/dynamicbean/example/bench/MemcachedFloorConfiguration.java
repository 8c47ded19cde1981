/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import java.io.IOException;
import java.util.List;

import io.dynamicbean.session.autoconfigure.SessionTimeout;
import io.dynamicbean.memcached.MemcachedClientGenerator;
import net.spy.memcached.AddrUtil;
import net.spy.memcached.MemcachedClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Profile {@code memcached-floor}, for benchmarks only: a control that shows what any memcached
 * session store built on spymemcached costs at minimum. Local sessions plus two raw spymemcached
 * round trips of a session-sized value per request of {@code GET /bench/counter}: the
 * {@link MemcachedFloorFilter}. {@code bench/overhead.sh} measures it beside the {@code local}
 * and {@code memcached} configurations; see {@code docs/benchmarks.md}.
 *
 * <p>{@code application-memcached-floor.yml} turns the memcached session store off
 * ({@code dynamic-bean.memcached.enabled=false}), so the switchable front serves every session
 * from its local store and no generator takes over. This configuration adds:
 * <ul>
 * <li>a spymemcached {@link MemcachedClient} for {@code example.bench.floor.servers} (default
 * {@code 127.0.0.1:11211}), built with the connection settings of the library's own
 * {@link MemcachedClientGenerator}, not registered as a dynamic bean, so that the client has
 * exactly the store's fail-fast connection settings (binary protocol, 200 ms operation timeout,
 * no Nagle...). Unlike the
 * store, the application does not start with memcached down;</li>
 * <li>the filter, on {@code /bench/counter} only and after every other filter, Spring Security's
 * included, so that only logged-in requests pay for it. It writes
 * {@code example.bench.floor.payload-bytes} per request (default
 * {@value #DEFAULT_PAYLOAD_BYTES}) with the session timeout as expiry.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Profile("memcached-floor")
public class MemcachedFloorConfiguration {

	/**
	 * Default size of the value written per request: the size of the memcached item of a session
	 * of the example's demo user, logged in through the form and counting on
	 * {@code /bench/counter}, as the memcached store writes it by default (format 2, with the
	 * front's version, compact values; 1,799 bytes with Java serialization).
	 * {@code bench/overhead.sh} checks it against the item at every run.
	 */
	public static final int DEFAULT_PAYLOAD_BYTES = 428;

	@Bean(destroyMethod = "shutdown")
	MemcachedClient memcachedFloorClient(
			@Value("${example.bench.floor.servers:127.0.0.1:11211}") List<String> servers) throws IOException {
		return new FloorClientSettings().connect(servers);
	}

	@Bean
	FilterRegistrationBean<MemcachedFloorFilter> memcachedFloorFilter(MemcachedClient memcachedFloorClient,
			@Value("${example.bench.floor.payload-bytes:" + DEFAULT_PAYLOAD_BYTES + "}") int payloadBytes,
			Environment environment) {
		MemcachedFloorFilter filter = new MemcachedFloorFilter(memcachedFloorClient, payloadBytes,
				SessionTimeout.of(environment));
		FilterRegistrationBean<MemcachedFloorFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(BenchCounterController.PATH);
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}

	/**
	 * The connection settings of the library's generator, for one plain client over the servers.
	 */
	private static final class FloorClientSettings extends MemcachedClientGenerator {

		MemcachedClient connect(List<String> servers) throws IOException {
			return new MemcachedClient(connectionFactoryBuilder().build(), AddrUtil.getAddresses(servers));
		}

	}

}
