/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.time.Duration;
import java.util.EnumSet;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.StoreRetryRules;
import io.dynamicbean.session.web.SessionAffinity;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import io.dynamicbean.session.security.SwitchableSessionRegistry;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import io.dynamicbean.session.serialization.UnreadableValues;
import io.dynamicbean.session.support.SwitchToLocalOnDestroyPostProcessor;
import jakarta.servlet.DispatcherType;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.SecurityContextConfigurer;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the switchable session front: makes a {@link SwitchableSessionRepository}
 * over a {@link LocalSessionRepository} the application's Spring Session repository, with its
 * {@link SessionRepositoryFilter}, so that sessions work from start-up with no annotation, and the
 * {@link SwitchableSessionRequestFilter} around that filter, so that a request costs the remote
 * store at most one {@code findById} and one {@code save}; and a
 * {@link SwitchableSecurityContextRepository} when Spring Security is present. It also provides the
 * {@link DeserializationAllowList} ({@code dynamic-bean.session.serialization.*}) and a
 * {@link SessionValueSerializer} on it, for the generators of remote stores, and the
 * {@link RemoteStoreFailureMonitor} that takes a remote store out when it keeps failing.
 *
 * <p>Runs before Spring Boot's Spring Session auto-configurations: the Redis, JDBC, Hazelcast and
 * MongoDB ones back off because a {@link SessionRepository} exists, and Boot's
 * {@code SessionAutoConfiguration} registers the filter (order and dispatcher types from
 * {@code spring.session.servlet.*}) and the cookie serializer ({@code server.servlet.session.cookie.*}).
 * Remote stores are produced later by dynamic bean generators, which call
 * {@link SwitchableSessionRepository#switchTo(String, SessionRepository)}.
 *
 * <p>Every bean can be replaced: an application's own {@link LocalSessionRepository} bean is used
 * by the auto-configured switchable repository; an application's own
 * {@link SwitchableSessionRepository} bean (with a local store of its own) replaces both. Backs off
 * entirely when the application defines any other {@link SessionRepository} of its own, and with
 * {@code dynamic-bean.session.enabled=false}.
 */
@AutoConfiguration(beforeName = { SwitchableSessionAutoConfiguration.SESSION_AUTO_CONFIGURATION,
		"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
		"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
		"org.springframework.boot.session.hazelcast.autoconfigure.HazelcastSessionAutoConfiguration",
		"org.springframework.boot.session.data.mongodb.autoconfigure.SessionDataMongoAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnProperty(prefix = "dynamic-bean.session", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SwitchableSessionProperties.class)
public final class SwitchableSessionAutoConfiguration {

	static final String SESSION_AUTO_CONFIGURATION = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration";

	SwitchableSessionAutoConfiguration(SwitchableSessionProperties properties, ResourceLoader resourceLoader) {
		SessionStoreModules.check(properties.getStore(), resourceLoader.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	DeserializationAllowList sessionDeserializationAllowList(SwitchableSessionProperties properties) {
		SwitchableSessionProperties.Serialization serialization = properties.getSerialization();
		Assert.isTrue(serialization.getMaxReferences() > 0,
				"dynamic-bean.session.serialization.max-references must be positive");
		return new DeserializationAllowList(serialization.getAllowedClasses(), serialization.getAllowedPackages(),
				DeserializationAllowList.DEFAULT_MAX_BYTES, DeserializationAllowList.DEFAULT_MAX_DEPTH,
				serialization.getMaxReferences());
	}

	@Bean
	@ConditionalOnMissingBean
	UnreadableValues sessionUnreadableValues(SwitchableSessionProperties properties) {
		return new UnreadableValues(StringUtils.hasText(properties.getStore()) ? properties.getStore()
				: SwitchableSessionProperties.DEFAULT_STORE);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionValueSerializer sessionValueSerializer(DeserializationAllowList sessionDeserializationAllowList,
			ResourceLoader resourceLoader, UnreadableValues sessionUnreadableValues) {
		return new SessionValueSerializer(sessionDeserializationAllowList, resourceLoader.getClassLoader(),
				sessionUnreadableValues);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(value = SessionRepository.class,
			ignored = { LocalSessionRepository.class, SwitchableSessionRepository.class })
	static class SessionRepositoryConfiguration {

		@Bean
		@ConditionalOnMissingBean({ LocalSessionRepository.class, SwitchableSessionRepository.class })
		LocalSessionRepository localSessionRepository(SwitchableSessionProperties properties, Environment environment) {
			SwitchableSessionProperties.Local local = properties.getLocal();
			LocalSessionRepository repository = new LocalSessionRepository(local.getMaxSessions());
			repository.setDefaultMaxInactiveInterval(localTimeout(local, environment));
			repository.setPurgeInterval(local.getPurgeInterval());
			repository.setMaxBytes(local.getMaxBytes().toBytes());
			repository.setMaxPendingDeletionBytes(local.getMaxPendingDeletionBytes().toBytes());
			return repository;
		}

		private static Duration localTimeout(SwitchableSessionProperties.Local local, Environment environment) {
			if (local.getTimeout() != null) {
				return local.getTimeout();
			}
			return SessionTimeout.of(environment);
		}

		@Bean
		@Primary
		@ConditionalOnMissingBean
		SwitchableSessionRepository switchableSessionRepository(LocalSessionRepository localSessionRepository,
				SwitchableSessionProperties properties) {
			SwitchableSessionRepository repository = new SwitchableSessionRepository(localSessionRepository);
			repository.setRestoreFallbackCopies(properties.isRestoreFallbackCopies());
			return repository;
		}

		/**
		 * The one failure detector of every remote store: watches the store of every
		 * {@link SessionStoreGeneratorAdapter} bean, told of every remote call through the front's
		 * failure tracker.
		 */
		@Bean
		@ConditionalOnMissingBean
		RemoteStoreFailureMonitor remoteStoreFailureMonitor(ObjectProvider<DynamicBeanFactory> dynamicBeanFactory,
				SwitchableSessionRepository switchableSessionRepository,
				ObjectProvider<SessionStoreGeneratorAdapter<?>> generators) {
			RemoteStoreFailureMonitor monitor = new RemoteStoreFailureMonitor(dynamicBeanFactory);
			generators.orderedStream().forEach(monitor::watch);
			switchableSessionRepository.getFailureTracker().addListener(monitor);
			return monitor;
		}

		/**
		 * Spring Security's session registry over the front's principal index, with the limit of
		 * {@code dynamic-bean.session.concurrency.*} for its admission step.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.security.core.session.SessionRegistry")
		static class SessionRegistryConfiguration {

			@Bean
			@ConditionalOnMissingBean(SessionRegistry.class)
			SwitchableSessionRegistry switchableSessionRegistry(SwitchableSessionRepository switchableSessionRepository,
					SwitchableSessionProperties properties) {
				Integer maximumSessions = properties.getConcurrency().getMaximumSessions();
				return new SwitchableSessionRegistry(switchableSessionRepository,
						(maximumSessions != null) ? maximumSessions : SwitchableSessionRegistry.UNLIMITED,
						properties.getConcurrency().isPreventsLogin());
			}

		}

		@Bean
		static SwitchToLocalOnDestroyPostProcessor sessionStoreSwitchToLocalOnDestroyPostProcessor(
				ObjectProvider<SwitchableSessionRepository> switchableSessionRepository) {
			return new SwitchToLocalOnDestroyPostProcessor(SessionRepository.class,
					(bean) -> switchableSessionRepository.ifAvailable(
							(repository) -> repository.switchToLocalIfActive((SessionRepository<?>) bean)));
		}

		/**
		 * Around Spring Session's filter, wherever {@code spring.session.servlet.filter-order}
		 * puts it, so that a request costs the remote store one findById and one save.
		 */
		@Bean
		@ConditionalOnMissingBean
		SwitchableSessionRequestFilter switchableSessionRequestFilter(Environment environment,
				SwitchableSessionProperties properties, ObjectProvider<SessionStoreGeneratorAdapter<?>> generators) {
			SwitchableSessionRequestFilter filter = new SwitchableSessionRequestFilter();
			Binder binder = Binder.get(environment);
			int sessionFilterOrder = binder.bind("spring.session.servlet.filter-order", Integer.class)
				.orElse(SessionRepositoryFilter.DEFAULT_ORDER);
			filter.setOrder(sessionFilterOrder - 1);
			filter.setSessionAffinity(sessionAffinity(properties.getAffinity(), binder, generators));
			return filter;
		}

		private static @Nullable SessionAffinity sessionAffinity(SwitchableSessionProperties.Affinity properties,
				Binder binder, ObjectProvider<SessionStoreGeneratorAdapter<?>> generators) {
			String route = properties.getRoute();
			if (!StringUtils.hasText(route)) {
				return null;
			}
			SessionAffinity affinity = new SessionAffinity(route);
			affinity.setCookieName(properties.getCookieName());
			affinity.setWriterCookieName(properties.getWriterCookieName());
			Duration releaseAfter = properties.getReleaseAfter();
			affinity.setReleaseAfter((releaseAfter != null) ? releaseAfter : derivedReleaseAfter(generators));
			affinity.setSecure(binder.bind("server.servlet.session.cookie.secure", Boolean.class).orElse(false));
			return affinity;
		}

		/**
		 * The release delay of the longest retry delay among the store generators: once this
		 * instance has been back that long, so have the others.
		 */
		private static Duration derivedReleaseAfter(ObjectProvider<SessionStoreGeneratorAdapter<?>> generators) {
			int retryDelaySeconds = generators.orderedStream()
				.mapToInt(SessionStoreGeneratorAdapter::getDelaySeconds)
				.max()
				.orElse(StoreRetryRules.DEFAULT_RETRY_DELAY_SECONDS);
			return StoreRetryRules.releaseAfter(Duration.ofSeconds(retryDelaySeconds));
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingBean(SessionRepositoryFilter.class)
		@Import(SpringHttpSessionConfiguration.class)
		static class SessionRepositoryFilterConfiguration {

			/**
			 * Without Boot's spring-boot-session, nothing registers the filter ahead of Spring
			 * Security's; do it here as Boot would.
			 */
			@Bean
			@ConditionalOnMissingClass(SESSION_AUTO_CONFIGURATION)
			FilterRegistrationBean<SessionRepositoryFilter<? extends Session>> switchableSessionRepositoryFilterRegistration(
					SessionRepositoryFilter<? extends Session> sessionRepositoryFilter) {
				FilterRegistrationBean<SessionRepositoryFilter<? extends Session>> registration = new FilterRegistrationBean<>(
						sessionRepositoryFilter);
				registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
				registration.setDispatcherTypes(EnumSet.of(DispatcherType.ASYNC, DispatcherType.ERROR,
						DispatcherType.REQUEST));
				return registration;
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.web.context.SecurityContextRepository")
	static class SecurityContextRepositoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SwitchableSecurityContextRepository switchableSecurityContextRepository(
				ObjectProvider<SwitchableSessionRepository> switchableSessionRepository) {
			SwitchableSecurityContextRepository repository = new SwitchableSecurityContextRepository();
			switchableSessionRepository
				.ifAvailable((sessions) -> repository.setFailureTracker(sessions.getFailureTracker()));
			return repository;
		}

		@Bean
		static SwitchToLocalOnDestroyPostProcessor securityContextSwitchToLocalOnDestroyPostProcessor(
				ObjectProvider<SwitchableSecurityContextRepository> switchableSecurityContextRepository) {
			return new SwitchToLocalOnDestroyPostProcessor(SecurityContextRepository.class,
					(bean) -> switchableSecurityContextRepository.ifAvailable(
							(repository) -> repository.switchToLocalIfActive((SecurityContextRepository) bean)));
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
		@ConditionalOnProperty(prefix = "dynamic-bean.session.concurrency", name = "maximum-sessions")
		static class ConcurrencyCustomizerConfiguration {

			@Bean
			Customizer<SessionManagementConfigurer<HttpSecurity>> switchableSessionConcurrencyCustomizer(
					SessionRegistry sessionRegistry, SwitchableSessionProperties properties) {
				SwitchableSessionProperties.Concurrency concurrency = properties.getConcurrency();
				Integer maximumSessions = concurrency.getMaximumSessions();
				Assert.isTrue(maximumSessions != null && maximumSessions >= 1,
						() -> "dynamic-bean.session.concurrency.maximum-sessions must be at least 1, got " + maximumSessions);
				return (sessionManagement) -> sessionManagement.sessionConcurrency((control) -> {
					control.maximumSessions(maximumSessions)
						.maxSessionsPreventsLogin(concurrency.isPreventsLogin())
						.sessionRegistry(sessionRegistry);
					if (StringUtils.hasText(concurrency.getExpiredUrl())) {
						control.expiredUrl(concurrency.getExpiredUrl());
					}
				});
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
		@ConditionalOnProperty(prefix = "dynamic-bean.session.security", name = "apply-to-http-security")
		static class HttpSecurityCustomizerConfiguration {

			@Bean
			Customizer<SecurityContextConfigurer<HttpSecurity>> switchableSecurityContextCustomizer(
					SwitchableSecurityContextRepository switchableSecurityContextRepository) {
				return (securityContext) -> securityContext.securityContextRepository(switchableSecurityContextRepository);
			}

		}

	}

}
