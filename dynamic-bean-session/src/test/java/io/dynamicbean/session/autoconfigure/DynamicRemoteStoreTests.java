/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.EnableDynamicBeans;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SessionStoreSettings;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the switchable front with a remote store produced by a dynamic bean generator, as the
 * Redis and JDBC generators do it (a {@link SessionStoreGeneratorAdapter}): switched in by
 * {@code execute()}, switched out by the auto-configuration when the dynamic-bean core invalidates
 * the bean, switched in again when it is regenerated.
 */
class DynamicRemoteStoreTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SwitchableSessionAutoConfiguration.class, SessionAutoConfiguration.class))
		.withUserConfiguration(RemoteStoreGeneratorConfiguration.class);

	@Test
	void generatedRemoteStoreIsSwitchedInByExecute() {
		this.runner.run((context) -> {
			assertThat(context.getBean(DynamicBeanFactory.class).getStatus("mapSessionRepository").state())
				.isEqualTo(DynamicBeanState.ACTIVE);
			assertThat(context.getBean(SwitchableSessionRepository.class).getActiveStoreName()).isEqualTo("map");
		});
	}

	@Test
	void invalidatedRemoteStoreIsSwitchedOut() {
		this.runner.run((context) -> {
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			Session session = repository.createSession();
			repository.save(session);

			context.getBean(DynamicBeanFactory.class)
				.invalidate("mapSessionRepository", new IllegalStateException("5 consecutive failures"));

			assertThat(repository.getActiveStoreName()).isEqualTo("local");
			assertThat(repository.findById(session.getId())).as("session after the remote store was invalidated")
				.isNotNull();
		});
	}

	@Test
	void recoveredRemoteStoreIsSwitchedInAgainAndReceivesTheLocalSessions() {
		this.runner.run((context) -> {
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			factory.invalidate("mapSessionRepository", new IllegalStateException("5 consecutive failures"));
			Session session = repository.createSession();
			session.setAttribute("user", "alice");
			repository.save(session);

			factory.recover("mapSessionRepository");

			assertThat(repository.getActiveStoreName()).isEqualTo("map");
			assertThat(repository.findById(session.getId()).<String>getAttribute("user")).isEqualTo("alice");
			assertThat(repository.storeOf(repository.findById(session.getId()))).isEqualTo("map");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class RemoteStoreGeneratorConfiguration {

		@Bean
		MapSessionRepositoryGenerator mapSessionRepositoryGenerator(SwitchableSessionRepository repository) {
			return new MapSessionRepositoryGenerator(repository);
		}

	}

	/**
	 * Generates a remote store over a map that outlives the generated beans (a server).
	 */
	static class MapSessionRepositoryGenerator extends SessionStoreGeneratorAdapter<MapSessionRepository> {

		private final Map<String, Session> server = new ConcurrentHashMap<>();

		MapSessionRepositoryGenerator(SwitchableSessionRepository switchable) {
			super("map", switchable);
		}

		@Override
		protected MapSessionRepository createRepository() {
			return new MapSessionRepository(this.server);
		}

		@Override
		protected void applySettings(MapSessionRepository repository, SessionStoreSettings settings) {
			repository.setSessionIdGenerator(settings.sessionIdGenerator());
		}

	}

}
