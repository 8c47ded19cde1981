/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.EnableDynamicBeans;
import io.dynamicbean.session.support.SwitchToLocalOnDestroyPostProcessor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SessionStoreGeneratorAdapter}, with a remote store over a map that outlives the
 * generated repositories (a server).
 */
class SessionStoreGeneratorAdapterTests {

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(new LocalSessionRepository());

	private final MapStoreGenerator generator = new MapStoreGenerator(this.sessions);

	@Test
	void executeSwitchesTheFrontToTheGeneratedRepository() throws Exception {
		MapSessionRepository repository = this.generator.generate();

		this.generator.execute();

		assertThat(this.sessions.getActiveStoreName()).isEqualTo("map");
		Session session = this.sessions.createSession();
		this.sessions.save(session);
		assertThat(repository.findById(session.getId())).as("session created through the front, in the store")
			.isNotNull();
	}

	@Test
	void generatedRepositoryKeepsTheIdsOfSessionsMovedIntoIt() throws Exception {
		Session local = this.sessions.createSession();
		this.sessions.save(local);
		this.generator.generate();
		this.generator.execute();

		Session moved = this.sessions.findById(local.getId());

		assertThat(moved).isNotNull();
		assertThat(this.generator.server).as("sessions in the store after the move")
			.containsOnlyKeys(local.getId(), SwitchableSessionRepository.EPOCH_MARKER_SESSION_ID);
	}

	@Test
	void generatedRepositoryCreatesSessionsWithTheSessionTimeout() throws Exception {
		this.generator.setSessionTimeout(Duration.ofMinutes(5));

		MapSessionRepository repository = this.generator.generate();

		assertThat(repository.createSession().getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void failureInCreateRepositoryLeavesTheFrontLocalAndNothingToSwitchTo() {
		this.generator.down.set(true);

		assertThatIllegalStateException().isThrownBy(this.generator::generate).withMessage("map store is down");

		assertThatIllegalStateException().isThrownBy(this.generator::execute)
			.withMessageContaining("only after generate() has succeeded");
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("local");
	}

	@Test
	void failedAttemptAfterASuccessDoesNotSwitchToTheOldRepository() throws Exception {
		this.generator.generate();
		this.generator.down.set(true);

		assertThatIllegalStateException().isThrownBy(this.generator::generate);

		assertThatIllegalStateException().isThrownBy(this.generator::execute);
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("local");
	}

	@Test
	void repositoryWithoutIdGeneratorOrTimeoutSettersIsUsedAsItIs() throws Exception {
		PlainStoreGenerator plain = new PlainStoreGenerator(this.sessions);

		plain.generate();
		plain.execute();

		assertThat(this.sessions.getActiveStoreName()).isEqualTo("plain");
	}

	@Test
	void appliesTheRepositoryCustomizersInOrderAfterTheSettings() throws Exception {
		this.generator.setSessionTimeout(Duration.ofMinutes(5));
		List<String> applied = new ArrayList<>();
		SessionRepositoryCustomizer<MapSessionRepository> first = (repository) -> {
			applied.add("first, timeout " + repository.createSession().getMaxInactiveInterval().toMinutes());
			repository.setDefaultMaxInactiveInterval(Duration.ofMinutes(7));
		};
		SessionRepositoryCustomizer<SessionRepository<?>> second = (repository) -> applied.add("second");
		this.generator
			.setRepositoryCustomizers(List.<SessionRepositoryCustomizer<? super MapSessionRepository>>of(first, second));

		MapSessionRepository repository = this.generator.generate();

		assertThat(applied).containsExactly("first, timeout 5", "second");
		assertThat(repository.createSession().getMaxInactiveInterval()).as("timeout set by the customizer")
			.isEqualTo(Duration.ofMinutes(7));
	}

	@Test
	void hasTheDefaultsOfAStoreGenerator() {
		assertThat(this.generator.getBeanName()).isEqualTo("mapSessionRepository");
		assertThat(this.generator.getBeanType()).isEqualTo(MapSessionRepository.class);
		assertThat(this.generator.getDelaySeconds()).isEqualTo(30);
		assertThat(this.generator.getSessionTimeout()).isEqualTo(MapSession.DEFAULT_MAX_INACTIVE_INTERVAL);
		assertThat(this.generator.getValueSerializer()).isNotNull();
	}

	@Test
	void refusesTheLocalStoreName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MapStoreGenerator("local", this.sessions))
			.withMessageContaining("reserved for the local store");
	}

	@Test
	void refusesARetryDelayThatIsNotWholeSeconds() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.setRetryDelay(Duration.ofMillis(1500)))
			.withMessageContaining("session store 'map'")
			.withMessageContaining("whole number of seconds");
	}

	@Test
	void registeredRepositoryIsSwitchedInAndSwitchedBackToLocalWhenInvalidated() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				StoreConfiguration.class)) {
			SwitchableSessionRepository front = context.getBean(SwitchableSessionRepository.class);
			assertThat(front.getActiveStoreName()).as("store after start-up").isEqualTo("map");

			context.getBean(DynamicBeanFactory.class)
				.invalidate("mapSessionRepository", new IllegalStateException("3 consecutive failures"));

			assertThat(front.getActiveStoreName()).as("store after the invalidation").isEqualTo("local");
		}
	}

	@Test
	void storeDownAtStartUpLeavesTheFrontLocal() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(StoreConfiguration.class);
			context.registerBean("down", Boolean.class, () -> Boolean.TRUE);
			context.refresh();

			assertThat(context.getBean(DynamicBeanFactory.class).getStatus("mapSessionRepository").state())
				.isEqualTo(DynamicBeanState.FAILED);
			assertThat(context.getBean(SwitchableSessionRepository.class).getActiveStoreName()).isEqualTo("local");
		}
	}

	/**
	 * The front, its switch back on destroy and a store generator, as an application without
	 * Spring Boot declares them.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class StoreConfiguration {

		@Bean
		SwitchableSessionRepository switchableSessionRepository() {
			return new SwitchableSessionRepository(new LocalSessionRepository());
		}

		@Bean
		static SwitchToLocalOnDestroyPostProcessor switchToLocalOnDestroyPostProcessor(
				ObjectProvider<SwitchableSessionRepository> front) {
			return new SwitchToLocalOnDestroyPostProcessor(SessionRepository.class, (bean) -> front
				.ifAvailable((repository) -> repository.switchToLocalIfActive((SessionRepository<?>) bean)));
		}

		@Bean
		MapStoreGenerator mapStoreGenerator(SwitchableSessionRepository sessions, ObjectProvider<Boolean> down) {
			MapStoreGenerator generator = new MapStoreGenerator(sessions);
			generator.down.set(down.getIfAvailable(() -> false));
			generator.setRetryDelay(Duration.ZERO);
			return generator;
		}

	}

	static class MapStoreGenerator extends SessionStoreGeneratorAdapter<MapSessionRepository> {

		final Map<String, Session> server = new ConcurrentHashMap<>();

		final AtomicBoolean down = new AtomicBoolean();

		MapStoreGenerator(SwitchableSessionRepository sessions) {
			this("map", sessions);
		}

		MapStoreGenerator(String storeName, SwitchableSessionRepository sessions) {
			super(storeName, sessions);
		}

		@Override
		protected MapSessionRepository createRepository() {
			if (this.down.get()) {
				throw new IllegalStateException("map store is down");
			}
			return new MapSessionRepository(this.server);
		}

		@Override
		protected void applySettings(MapSessionRepository repository, SessionStoreSettings settings) {
			repository.setSessionIdGenerator(settings.sessionIdGenerator());
			repository.setDefaultMaxInactiveInterval(settings.sessionTimeout());
		}

	}

	static class PlainStoreGenerator extends SessionStoreGeneratorAdapter<PlainSessionRepository> {

		PlainStoreGenerator(SwitchableSessionRepository sessions) {
			super("plain", sessions);
		}

		@Override
		protected PlainSessionRepository createRepository() {
			return new PlainSessionRepository();
		}

		@Override
		protected void applySettings(PlainSessionRepository repository, SessionStoreSettings settings) {
		}

	}

	/**
	 * A store with neither {@code setSessionIdGenerator} nor {@code setDefaultMaxInactiveInterval}.
	 */
	static class PlainSessionRepository implements SessionRepository<MapSession> {

		private final Map<String, MapSession> sessions = new ConcurrentHashMap<>();

		@Override
		public MapSession createSession() {
			return new MapSession();
		}

		@Override
		public void save(MapSession session) {
			this.sessions.put(session.getId(), new MapSession(session));
		}

		@Override
		public @Nullable MapSession findById(String id) {
			return this.sessions.get(id);
		}

		@Override
		public void deleteById(String id) {
			this.sessions.remove(id);
		}

	}

}
