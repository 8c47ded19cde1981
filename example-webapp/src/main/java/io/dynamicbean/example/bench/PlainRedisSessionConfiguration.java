/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;

/**
 * Profile {@code plain-redis}, for benchmarks only: Spring Session Redis configured the standard
 * way ({@link EnableRedisHttpSession} over a Lettuce connection factory, Lettuce's defaults),
 * without this library's switchable front, so that {@code bench/overhead.sh} can compare the
 * library with what a user would pick instead. Unlike the {@code redis} profile, this application
 * does not start serving sessions while Redis is down: each request fails instead.
 *
 * <p>{@code application-plain-redis.yml} turns the front ({@code dynamic-bean.session.enabled})
 * and memcached off. The example's security chain and pages are written against the front's
 * types, so this configuration gives them stand-ins that stay out of the session path: a
 * {@link SwitchableSecurityContextRepository} that keeps its default, Spring Security's own
 * session-backed repository; and an idle {@link SwitchableSessionRepository}, marked
 * {@link Fallback} so that Spring Session's filter takes the Redis repository. Login and
 * {@code /bench/counter} work as in the other profiles; the home page and {@code /session}, which
 * ask the front where a session lives, do not (they answer 500 in this profile).
 */
@Configuration(proxyBeanMethods = false)
@Profile("plain-redis")
@EnableRedisHttpSession
public class PlainRedisSessionConfiguration {

	@Bean
	LettuceConnectionFactory redisConnectionFactory(@Value("${example.session.plain-redis.host:localhost}") String host,
			@Value("${example.session.plain-redis.port:6379}") int port) {
		return new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
	}

	@Bean
	SwitchableSecurityContextRepository switchableSecurityContextRepository() {
		return new SwitchableSecurityContextRepository();
	}

	@Bean
	@Fallback
	SwitchableSessionRepository switchableSessionRepository() {
		return new SwitchableSessionRepository(new LocalSessionRepository());
	}

}
