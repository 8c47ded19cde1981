/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SessionStoreSettings;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.web.SwitchableSessionRequestFilter;
import io.dynamicbean.session.security.SwitchableSecurityContextRepository;
import io.dynamicbean.session.security.SwitchableSessionRegistry;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SwitchableSessionAutoConfiguration}.
 */
class SwitchableSessionAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SwitchableSessionAutoConfiguration.class, SessionAutoConfiguration.class));

	@Test
	void makesSwitchableRepositoryTheSessionRepositoryOfTheFilter() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LocalSessionRepository.class)
				.hasSingleBean(SwitchableSessionRepository.class)
				.hasSingleBean(SessionRepositoryFilter.class);
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			assertThat(context.getBean(SessionRepository.class)).as("primary session repository").isSameAs(repository);
			assertThat(ReflectionTestUtils.getField(context.getBean(SessionRepositoryFilter.class), "sessionRepository"))
				.as("repository of the SessionRepositoryFilter").isSameAs(repository);
			assertThat(repository.getLocalSessionRepository()).isSameAs(context.getBean(LocalSessionRepository.class));
			assertThat(repository.isRemoteActive()).isFalse();
		});
	}

	@Test
	void springBootRegistersTheFilterAheadOfOtherFilters() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DelegatingFilterProxyRegistrationBean.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context.getBean(DelegatingFilterProxyRegistrationBean.class).getOrder())
				.isEqualTo(SessionRepositoryFilter.DEFAULT_ORDER);
		});
	}

	@Test
	void failsToStartWhenTheChosenStoresModuleIsMissing() {
		this.runner.withPropertyValues("dynamic-bean.session.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("dynamic-bean.session.store=redis needs the dynamic-bean-redis module on the class path: "
						+ "add the io.dynamicbean:dynamic-bean-redis dependency, or choose another store"));
	}

	@Test
	void acceptsAStoreOfTheApplicationsOwn() {
		this.runner.withPropertyValues("dynamic-bean.session.store=hazelcast")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void makesTheFailureMonitorAListenerOfTheFrontsFailureTracker() {
		this.runner.run((context) -> assertThat(ReflectionTestUtils
			.getField(context.getBean(SwitchableSessionRepository.class).getFailureTracker(), "listeners"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(context.getBean(RemoteStoreFailureMonitor.class)));
	}

	@Test
	void providesTheDeserializationAllowListFromItsProperties() {
		this.runner
			.withPropertyValues("dynamic-bean.session.serialization.allowed-classes=com.example.Cart",
					"dynamic-bean.session.serialization.allowed-packages=com.example.shop")
			.run((context) -> {
				DeserializationAllowList allowList = context.getBean(DeserializationAllowList.class);
				assertThat(allowList.isAllowed("com.example.Cart")).isTrue();
				assertThat(allowList.isAllowed("com.example.shop.basket.Line")).isTrue();
				assertThat(allowList.isAllowed("com.example.Other")).isFalse();
				assertThat(context.getBean(SessionValueSerializer.class).getAllowList()).isSameAs(allowList);
			});
	}

	@Test
	void setsTheObjectLimitOfTheDeserializationAllowList() {
		this.runner.withPropertyValues("dynamic-bean.session.serialization.max-references=50000")
			.run((context) -> assertThat(context.getBean(DeserializationAllowList.class).getMaxReferences())
				.isEqualTo(50_000));
	}

	@Test
	void refusesANonPositiveObjectLimit() {
		this.runner.withPropertyValues("dynamic-bean.session.serialization.max-references=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dynamic-bean.session.serialization.max-references must be positive"));
	}

	@Test
	void registersTheRequestFilterJustBeforeSpringSessionsFilter() {
		this.runner.run((context) -> assertThat(context.getBean(SwitchableSessionRequestFilter.class).getOrder())
			.isEqualTo(SessionRepositoryFilter.DEFAULT_ORDER - 1));
	}

	@Test
	void derivesTheAffinitysReleaseDelayFromTheStoresRetryDelay() {
		this.runner.withUserConfiguration(SlowRetryGeneratorConfiguration.class)
			.withPropertyValues("dynamic-bean.session.affinity.route=app-1")
			.run((context) -> assertThat(
					context.getBean(SwitchableSessionRequestFilter.class).getSessionAffinity().getReleaseAfter())
				.as("60 s retry delay plus 10 %% jitter, rounded up to 5 s")
				.isEqualTo(Duration.ofSeconds(70)));
	}

	@Test
	void takesTheAffinitysReleaseDelayAsSet() {
		this.runner.withUserConfiguration(SlowRetryGeneratorConfiguration.class)
			.withPropertyValues("dynamic-bean.session.affinity.route=app-1",
					"dynamic-bean.session.affinity.release-after=12s")
			.run((context) -> assertThat(
					context.getBean(SwitchableSessionRequestFilter.class).getSessionAffinity().getReleaseAfter())
				.isEqualTo(Duration.ofSeconds(12)));
	}

	@Test
	void recordsBothFrontsFailuresInOneTracker() {
		this.runner.run((context) -> assertThat(ReflectionTestUtils
			.getField(context.getBean(SwitchableSecurityContextRepository.class), "failures"))
			.isSameAs(context.getBean(SwitchableSessionRepository.class).getFailureTracker()));
	}

	@Test
	void keepsTheRequestFilterJustBeforeSpringSessionsFilterWhereverItIsConfigured() {
		this.runner.withPropertyValues("spring.session.servlet.filter-order=-200").run((context) -> {
			assertThat(context.getBean(DelegatingFilterProxyRegistrationBean.class).getOrder()).isEqualTo(-200);
			assertThat(context.getBean(SwitchableSessionRequestFilter.class).getOrder()).isEqualTo(-201);
		});
	}

	@Test
	void registersTheFilterItselfWithoutSpringBootSession() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwitchableSessionAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SessionAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(FilterRegistrationBean.class);
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isSameAs(context.getBean(SessionRepositoryFilter.class));
				assertThat(registration.getOrder()).isEqualTo(SessionRepositoryFilter.DEFAULT_ORDER);
			});
	}

	@Test
	void appliesLocalStoreProperties() {
		this.runner
			.withPropertyValues("dynamic-bean.session.local.max-sessions=50",
					"dynamic-bean.session.local.timeout=5m", "dynamic-bean.session.restore-fallback-copies=false")
			.run((context) -> {
				LocalSessionRepository local = context.getBean(LocalSessionRepository.class);
				assertThat(local.getMaxSessions()).isEqualTo(50);
				assertThat(local.createSession().getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(5));
				assertThat(context.getBean(SwitchableSessionRepository.class).isRestoreFallbackCopies()).isFalse();
			});
	}

	@Test
	void appliesTheLocalByteBudgets() {
		this.runner
			.withPropertyValues("dynamic-bean.session.local.max-bytes=32MB",
					"dynamic-bean.session.local.max-pending-deletion-bytes=2MB")
			.run((context) -> {
				LocalSessionRepository local = context.getBean(LocalSessionRepository.class);
				assertThat(local.getMaxBytes()).isEqualTo(32L * 1024 * 1024);
				assertThat(local.getMaxPendingDeletionBytes()).isEqualTo(2L * 1024 * 1024);
			});
	}

	@Test
	void localByteBudgetsDefaultTo64And8Megabytes() {
		this.runner.run((context) -> {
			LocalSessionRepository local = context.getBean(LocalSessionRepository.class);
			assertThat(local.getMaxBytes()).isEqualTo(64L * 1024 * 1024);
			assertThat(local.getMaxPendingDeletionBytes()).isEqualTo(8L * 1024 * 1024);
		});
	}

	@Test
	void refusesToStartWithAByteBudgetBelowOneKilobyteNamingTheProperty() {
		this.runner.withPropertyValues("dynamic-bean.session.local.max-bytes=100B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("dynamic-bean.session.local.max-bytes must be at least 1024 bytes (1KB), got 100: "
						+ "set it to a size such as 64MB"));
	}

	@Test
	void localSessionsUseSpringSessionTimeout() {
		this.runner.withPropertyValues("spring.session.timeout=20m", "server.servlet.session.timeout=15m")
			.run((context) -> assertThat(context.getBean(LocalSessionRepository.class)
				.createSession()
				.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(20)));
	}

	@Test
	void localSessionsUseServletSessionTimeoutWhenSpringSessionHasNone() {
		this.runner.withPropertyValues("server.servlet.session.timeout=15m")
			.run((context) -> assertThat(context.getBean(LocalSessionRepository.class)
				.createSession()
				.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(15)));
	}

	@Test
	void backsOffWhenTheApplicationHasItsOwnSessionRepository() {
		this.runner.withUserConfiguration(OwnSessionRepositoryConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(SwitchableSessionRepository.class)
				.doesNotHaveBean(LocalSessionRepository.class)
				.doesNotHaveBean(SessionRepositoryFilter.class);
			assertThat(context).hasSingleBean(SessionRepository.class);
		});
	}

	@Test
	void usesTheApplicationsOwnSwitchableSessionRepository() {
		this.runner.withUserConfiguration(OwnSwitchableSessionRepositoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SwitchableSessionRepository.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(SessionRepositoryFilter.class), "sessionRepository"))
				.isSameAs(context.getBean("ownSwitchableSessionRepository"));
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("dynamic-bean.session.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SwitchableSessionRepository.class)
				.doesNotHaveBean(SwitchableSecurityContextRepository.class)
				.doesNotHaveBean(SessionRepositoryFilter.class));
	}

	@Test
	void backsOffOutsideServletWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwitchableSessionAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SwitchableSessionRepository.class));
	}

	@Test
	void registersSwitchableSecurityContextRepositoryWithoutApplyingIt() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SwitchableSecurityContextRepository.class)
			.doesNotHaveBean("switchableSecurityContextCustomizer"));
	}

	@Test
	void registersASessionRegistryWithoutALimitAndAppliesNoConcurrencyControl() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SwitchableSessionRegistry.class)
				.doesNotHaveBean("switchableSessionConcurrencyCustomizer");
			assertThat(context.getBean(SwitchableSessionRegistry.class).getMaximumSessions())
				.isEqualTo(SwitchableSessionRegistry.UNLIMITED);
		});
	}

	@Test
	void appliesConcurrencyControlWithTheLimitOfTheProperty() {
		this.runner.withPropertyValues("dynamic-bean.session.concurrency.maximum-sessions=1").run((context) -> {
			assertThat(context).hasBean("switchableSessionConcurrencyCustomizer");
			assertThat(context.getBean(SwitchableSessionRegistry.class).getMaximumSessions()).isEqualTo(1);
		});
	}

	@Test
	void appliesSecurityContextRepositoryToHttpSecurityWhenAsked() {
		this.runner.withPropertyValues("dynamic-bean.session.security.apply-to-http-security=true")
			.run((context) -> assertThat(context).hasBean("switchableSecurityContextCustomizer"));
	}

	@Test
	void registersNoSecurityContextRepositoryWithoutSpringSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader(SecurityContextRepository.class))
			.run((context) -> assertThat(context).hasSingleBean(SwitchableSessionRepository.class)
				.doesNotHaveBean(SwitchableSecurityContextRepository.class));
	}

	@Test
	void switchesToLocalStoreWhenTheRemoteStoreBeanIsDestroyed() {
		this.runner.run((context) -> {
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			SessionRepository<?> remote = registerBean(context, "remoteSessionRepository",
					new MapSessionRepository(new ConcurrentHashMap<>()));
			repository.switchTo("memcached", (SessionRepository<? extends Session>) remote);

			removeBean(context, "remoteSessionRepository");

			assertThat(repository.isRemoteActive()).as("remote store active after its bean was destroyed").isFalse();
		});
	}

	@Test
	void switchesSecurityContextToLocalWhenTheRemoteRepositoryBeanIsDestroyed() {
		this.runner.run((context) -> {
			SwitchableSecurityContextRepository repository = context.getBean(SwitchableSecurityContextRepository.class);
			SecurityContextRepository remote = registerBean(context, "remoteSecurityContextRepository",
					new RequestAttributeSecurityContextRepository());
			repository.switchTo("memcached", remote);

			removeBean(context, "remoteSecurityContextRepository");

			assertThat(repository.isRemoteActive()).isFalse();
		});
	}

	@Test
	void keepsRemoteStoreWhenAnotherSessionRepositoryBeanIsDestroyed() {
		this.runner.run((context) -> {
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			registerBean(context, "otherSessionRepository", new MapSessionRepository(new ConcurrentHashMap<>()));
			repository.switchTo("memcached", new MapSessionRepository(new ConcurrentHashMap<>()));

			removeBean(context, "otherSessionRepository");

			assertThat(repository.isRemoteActive()).isTrue();
		});
	}

	@Test
	void leavesRemoteStoreActiveWhileTheContextCloses() {
		this.runner.run((context) -> {
			SwitchableSessionRepository repository = context.getBean(SwitchableSessionRepository.class);
			SessionRepository<?> remote = registerBean(context, "remoteSessionRepository",
					new MapSessionRepository(new ConcurrentHashMap<>()));
			repository.switchTo("memcached", (SessionRepository<? extends Session>) remote);

			context.close();

			assertThat(repository.isRemoteActive()).as("no switch while shutting down").isTrue();
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T registerBean(ConfigurableApplicationContext context, String name, T instance) {
		BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
		registry.registerBeanDefinition(name, new RootBeanDefinition((Class<T>) instance.getClass(), () -> instance));
		return (T) context.getBean(name);
	}

	private static void removeBean(ConfigurableApplicationContext context, String name) {
		((BeanDefinitionRegistry) context.getBeanFactory()).removeBeanDefinition(name);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSessionRepositoryConfiguration {

		@Bean
		MapSessionRepository ownSessionRepository() {
			return new MapSessionRepository(new ConcurrentHashMap<>());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSwitchableSessionRepositoryConfiguration {

		@Bean
		SwitchableSessionRepository ownSwitchableSessionRepository() {
			return new SwitchableSessionRepository(new LocalSessionRepository(10));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowRetryGeneratorConfiguration {

		@Bean
		SessionStoreGeneratorAdapter<MapSessionRepository> slowRetryGenerator(SwitchableSessionRepository sessions) {
			SessionStoreGeneratorAdapter<MapSessionRepository> generator = new SessionStoreGeneratorAdapter<>("map",
					sessions) {

				@Override
				protected MapSessionRepository createRepository() {
					return new MapSessionRepository(new ConcurrentHashMap<>());
				}

				@Override
				protected void applySettings(MapSessionRepository repository, SessionStoreSettings settings) {
				}

			};
			generator.setRetryDelay(Duration.ofSeconds(60));
			return generator;
		}

	}

}
