/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.bench;

import io.dynamicbean.session.security.SwitchableSecurityContextRepository;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * and memcached off. The example's security chain is written against the front's
 * {@link SwitchableSecurityContextRepository}, so this configuration gives it one that stays out
 * of the session path: it keeps its default, Spring Security's own session-backed repository.
 * Spring Session's filter takes the Redis repository, the only {@code SessionRepository} of the
 * context. Login, {@code /bench/counter}, the home page and {@code /session} work as in the other
 * profiles; the last two report the store as
 * {@value io.dynamicbean.example.web.SessionViews#PLAIN_SPRING_SESSION_STORE}, with no switch to
 * tell about.
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

}
