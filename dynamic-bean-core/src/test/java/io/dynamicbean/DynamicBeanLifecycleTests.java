/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.dynamicbean.TestGenerators.Alpha;
import io.dynamicbean.TestGenerators.AlphaGenerator;
import io.dynamicbean.TestGenerators.Beta;
import io.dynamicbean.TestGenerators.BetaGenerator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated beans have the lifecycle of a {@code @Bean}, and {@code execute()} makes readiness
 * atomic.
 */
class DynamicBeanLifecycleTests {

	static final List<String> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void reset() {
		events.clear();
		TestGenerators.reset();
	}

	@Test
	void generatedBeanGetsAwareCallbacksAndPostConstruct() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				LifecycleConfiguration.class)) {
			Resource resource = context.getBean(Resource.class);
			assertThat(resource.beanName).isEqualTo("resource");
			assertThat(resource.applicationContext).isSameAs(context);
			assertThat(resource.initialized).as("@PostConstruct ran").isTrue();
		}
	}

	@Test
	void destroyCallbacksRunOnContextClose() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				LifecycleConfiguration.class);
		Resource resource = context.getBean(Resource.class);
		Closeable closeable = context.getBean(Closeable.class);
		ShutdownOnly shutdownOnly = context.getBean(ShutdownOnly.class);
		context.close();
		assertThat(events).contains("resource @PreDestroy", "resource destroy()", "closeable close()",
				"shutdownOnly shutdown()");
		assertThat(resource.initialized).isTrue();
		assertThat(closeable).isNotNull();
		assertThat(shutdownOnly).isNotNull();
	}

	@Test
	void dependentsAreDestroyedBeforeTheirDependencies() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(ChainConfiguration.class);
		Alpha alpha = context.getBean(Alpha.class);
		Beta beta = context.getBean(Beta.class);
		context.close();
		assertThat(alpha.closed).isTrue();
		assertThat(beta.closed).isTrue();
		assertThat(events).containsSubsequence("beta closed", "alpha closed");
	}

	@Test
	void objectProviderSeesTheBeanAppear() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				DirectOnlyConfiguration.class)) {
			ObjectProvider<Alpha> provider = context.getBeanProvider(Alpha.class);
			assertThat(provider.getIfAvailable()).as("direct-only bean before it is asked for").isNull();
			Alpha alpha = context.getBean(DynamicBeanFactory.class).generateBean(Alpha.class);
			assertThat(provider.getIfAvailable()).isSameAs(alpha);
		}
	}

	@Test
	void failingExecuteRemovesTheBeanAndRunsItsDestroyCallbacks() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ExecuteConfiguration.class)) {
			DynamicBeanStatus status = context.getBean(DynamicBeanFactory.class).getStatus("switched");
			assertThat(status.state()).isEqualTo(DynamicBeanState.FAILED);
			assertThat(status.lastFailure()).hasMessage("cannot switch yet");
			assertThat(context.containsBean("switched")).isFalse();
			assertThat(events).containsExactly("execute saw switched registered", "switched closed");
		}
	}

	@Test
	void executeFailingThenSucceedingOnRetryMakesTheBeanActive() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ExecuteConfiguration.class)) {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			DynamicBeanStatus status = factory.recover("switched");
			assertThat(status.state()).isEqualTo(DynamicBeanState.ACTIVE);
			assertThat(status.attempts()).isEqualTo(2);
			assertThat(context.getBean("switched", Switched.class).closed).isFalse();
			assertThat(events).containsExactly("execute saw switched registered", "switched closed",
					"execute saw switched registered", "switched executed");
		}
	}

	static class Resource implements BeanNameAware, ApplicationContextAware, DisposableBean {

		String beanName;

		ApplicationContext applicationContext;

		boolean initialized;

		@Override
		public void setBeanName(String name) {
			this.beanName = name;
		}

		@Override
		public void setApplicationContext(ApplicationContext applicationContext) {
			this.applicationContext = applicationContext;
		}

		@PostConstruct
		void init() {
			this.initialized = true;
		}

		@PreDestroy
		void preDestroy() {
			events.add("resource @PreDestroy");
		}

		@Override
		public void destroy() {
			events.add("resource destroy()");
		}

	}

	static class Closeable implements AutoCloseable {

		@Override
		public void close() {
			events.add("closeable close()");
		}

	}

	static class ShutdownOnly {

		public void shutdown() {
			events.add("shutdownOnly shutdown()");
		}

	}

	static class Switched implements AutoCloseable {

		volatile boolean closed;

		@Override
		public void close() {
			this.closed = true;
			events.add("switched closed");
		}

	}

	static class SwitchedGenerator extends AbstractExecutableDynamicBeanGeneratorAdapter<Switched> {

		private final AtomicInteger executions = new AtomicInteger();

		private final ApplicationContext context;

		SwitchedGenerator(ApplicationContext context) {
			this.context = context;
		}

		@Override
		public Switched generate() {
			return new Switched();
		}

		@Override
		public void execute() {
			if (this.context.containsBean("switched")) {
				events.add("execute saw switched registered");
			}
			if (this.executions.incrementAndGet() == 1) {
				throw new IllegalStateException("cannot switch yet");
			}
			events.add("switched executed");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class LifecycleConfiguration {

		@Bean
		DynamicGeneratorAdapter<Resource> resourceGenerator() {
			return new DynamicGeneratorAdapter<>(Resource.class) {
				@Override
				public Resource generate() {
					return new Resource();
				}
			};
		}

		@Bean
		DynamicGeneratorAdapter<Closeable> closeableGenerator() {
			return new DynamicGeneratorAdapter<>(Closeable.class) {
				@Override
				public Closeable generate() {
					return new Closeable();
				}
			};
		}

		@Bean
		DynamicGeneratorAdapter<ShutdownOnly> shutdownOnlyGenerator() {
			return new DynamicGeneratorAdapter<>(ShutdownOnly.class) {
				@Override
				public ShutdownOnly generate() {
					return new ShutdownOnly();
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class ChainConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return new AlphaGenerator() {
				@Override
				Alpha create() {
					return new Alpha() {
						@Override
						public void close() {
							super.close();
							events.add("alpha closed");
						}
					};
				}
			};
		}

		@Bean
		BetaGenerator betaGenerator() {
			return new BetaGenerator() {
				@Override
				Beta create() {
					return new Beta(this.alpha) {
						@Override
						public void close() {
							super.close();
							events.add("beta closed");
						}
					};
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class DirectOnlyConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().directOnly();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class ExecuteConfiguration {

		@Bean
		SwitchedGenerator switchedGenerator(ApplicationContext context) {
			return new SwitchedGenerator(context);
		}

	}

}
