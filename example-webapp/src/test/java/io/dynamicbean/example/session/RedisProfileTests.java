/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.example.ExampleWebApplication;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code redis} profile with nothing listening where Redis should be.
 */
@SpringBootTest(classes = ExampleWebApplication.class, properties = "dynamic-bean.session.remote.retry-delay=1h")
@ActiveProfiles("redis")
class RedisProfileTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private DynamicBeanFactory dynamicBeanFactory;

	@Autowired
	private SwitchableSessionRepository sessions;

	@DynamicPropertySource
	static void redisDown(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", FreePorts::next);
	}

	@Test
	void startsWithRedisDownAndServesLocalSessions() {
		DynamicBeanStatus status = this.dynamicBeanFactory.getStatus("redisSessionRepository");
		assertThat(status).as("status of the Redis session repository").isNotNull();
		assertThat(status.state()).isEqualTo(DynamicBeanState.FAILED);
		assertThat(status.lastFailure()).hasMessageContaining("did not answer PING")
			.hasMessageContaining("spring.data.redis");
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("local");
		assertThat(this.context.getBean(SessionRepository.class)).isSameAs(this.sessions);
	}

	@Test
	void doesNotUseMemcached() {
		assertThat(this.dynamicBeanFactory.getStatuses()).extracting(DynamicBeanStatus::beanName)
			.containsExactly("redisSessionRepository");
	}

}
