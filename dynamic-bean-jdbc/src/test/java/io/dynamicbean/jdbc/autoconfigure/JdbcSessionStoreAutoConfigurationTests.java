/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.dynamicbean.jdbc.JdbcSessionRepositoryGenerator;
import io.dynamicbean.jdbc.JdbcSessionRepositoryGeneratorTests;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FlushMode;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcSessionStoreAutoConfiguration}, on an embedded H2 database.
 */
class JdbcSessionStoreAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
				SwitchableSessionAutoConfiguration.class, DataSourceAutoConfiguration.class,
				JdbcSessionAutoConfiguration.class, JdbcSessionStoreAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-tests;DB_CLOSE_DELAY=-1");

	@Test
	void isOffUnlessTheStoreIsJdbc() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(JdbcSessionRepositoryGenerator.class));
		this.runner.withPropertyValues("dynamic-bean.session.store=hazelcast")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcSessionRepositoryGenerator.class));
	}

	@Test
	void switchesTheFrontToTheEmbeddedDatabaseAtStartUpWhileBootsOwnJdbcSessionConfigurationBacksOff() {
		this.runner.withPropertyValues("dynamic-bean.session.store=jdbc").run((context) -> {
			assertThat(context.getBean(SessionRepository.class)).isInstanceOf(SwitchableSessionRepository.class);
			assertThat(context.getBean(SwitchableSessionRepository.class).getActiveStoreName()).isEqualTo("jdbc");
			assertThat(context).getBeanNames(JdbcIndexedSessionRepository.class)
				.as("the dynamic bean only, none of Boot's")
				.containsExactly("jdbcIndexedSessionRepository");
		});
	}

	@Test
	void appliesTheApplicationsRepositoryCustomizersAndSettingsToTheGeneratedRepository() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("dynamic-bean.session.store=jdbc", "spring.session.jdbc.flush-mode=immediate")
			.run((context) -> {
				JdbcIndexedSessionRepository generated = context.getBean("jdbcIndexedSessionRepository",
						JdbcIndexedSessionRepository.class);
				assertThat(context.getBean(CustomizerConfiguration.class).customized).as("repositories customized")
					.containsExactly(generated);
				assertThat(ReflectionTestUtils.getField(generated, "flushMode")).as("flush mode, applied typed")
					.isEqualTo(FlushMode.IMMEDIATE);
			});
	}

	@Test
	void configuresTheGeneratorFromBootsAndItsOwnProperties() {
		this.runner
			.withPropertyValues("dynamic-bean.session.store=jdbc", "dynamic-bean.session.remote.retry-delay=4s",
					"dynamic-bean.session.remote.failure-threshold=5", "server.servlet.session.timeout=9m")
			.run((context) -> {
				JdbcSessionRepositoryGenerator generator = context.getBean(JdbcSessionRepositoryGenerator.class);
				assertThat(generator.getDelaySeconds()).isEqualTo(4);
				assertThat(generator.getFailureThreshold()).isEqualTo(5);
				assertThat(generator.getSessionTimeout()).isEqualTo(Duration.ofMinutes(9));
				assertThat(context.getBean(RemoteStoreFailureMonitor.class).isWatched("jdbc")).isTrue();
			});
	}

	@Test
	void createsTheTablesOfTheEmbeddedDatabaseThroughBootsInitializer() {
		this.runner.withPropertyValues("dynamic-bean.session.store=jdbc", "dynamic-bean.session.remote.retry-delay=0s")
			.run((context) -> {
				JdbcIndexedSessionRepository repository = context.getBean(JdbcSessionRepositoryGenerator.class)
					.generate();
				try {
					SessionRepository<Session> store = JdbcSessionRepositoryGeneratorTests.sessionsOf(repository);
					Session session = store.createSession();
					session.setAttribute("counter", 1);
					store.save(session);
					assertThat(store.findById(session.getId())).as("session read back from SPRING_SESSION")
						.isNotNull();
				}
				finally {
					repository.destroy();
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<JdbcIndexedSessionRepository> customized = new CopyOnWriteArrayList<>();

		@Bean
		SessionRepositoryCustomizer<JdbcIndexedSessionRepository> recordingCustomizer() {
			return this.customized::add;
		}

	}

}
