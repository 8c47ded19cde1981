/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.DynamicBeanRecover;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicGeneratorAdapter;
import io.dynamicbean.EnableDynamicBeans;
import io.dynamicbean.support.DefaultDynamicBeanFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DynamicBeanAutoConfiguration}.
 */
class DynamicBeanAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class));

	@Test
	void turnsDynamicBeansOnWithNoAnnotation() {
		this.contextRunner.withUserConfiguration(ClientGeneratorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DynamicBeanFactory.class).hasSingleBean(DynamicBeanRecover.class);
			assertThat(context).getBean("dynamicBeanFactory").isInstanceOf(DefaultDynamicBeanFactory.class);
			assertThat(context.getBean(DynamicBeanFactory.class).getStatus("client").state())
				.as("state of the dynamic bean generated at start-up")
				.isEqualTo(DynamicBeanState.ACTIVE);
			assertThat(context).hasSingleBean(Client.class);
		});
	}

	@Test
	void generatesAtStartUpWithLazyInitialization() {
		this.contextRunner.withUserConfiguration(ClientGeneratorConfiguration.class)
			.withBean(LazyInitializationBeanFactoryPostProcessor.class)
			.run((context) -> assertThat(context.getBean(ClientGenerator.class).calls)
				.as("calls of generate() at start-up with spring.main.lazy-initialization=true")
				.hasValue(1));
	}

	@Test
	void bindsProperties() {
		this.contextRunner.run((context) -> assertThat(context.getBean(DynamicBeanProperties.class).isEnabled())
			.as("dynamic-bean.enabled by default")
			.isTrue());
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(ClientGeneratorConfiguration.class)
			.withPropertyValues("dynamic-bean.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DynamicBeanFactory.class)
					.doesNotHaveBean(DynamicBeanRecover.class)
					.doesNotHaveBean(DynamicBeanProperties.class);
				assertThat(context).as("no bean is generated when dynamic beans are off")
					.doesNotHaveBean(Client.class);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesADynamicBeanFactory() {
		this.contextRunner.withUserConfiguration(CustomFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DynamicBeanFactory.class).hasBean("customDynamicBeanFactory");
			assertThat(context).doesNotHaveBean("dynamicBeanFactory");
			assertThat(context).as("the recover still comes from the auto-configuration")
				.hasSingleBean(DynamicBeanRecover.class);
		});
	}

	@Test
	void givesOneFactoryAndOneRecoverWithEnableDynamicBeans() {
		this.contextRunner.withUserConfiguration(EnableDynamicBeansConfiguration.class, ClientGeneratorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DynamicBeanFactory.class).hasSingleBean(DynamicBeanRecover.class);
				assertThat(context).as("exactly one generated bean").hasSingleBean(Client.class);
				assertThat(context.getBean(ClientGenerator.class).calls).as("calls of generate()").hasValue(1);
			});
	}

	@Test
	void neverRetriesOnTheTaskSchedulerOfTheContext() {
		this.contextRunner.withUserConfiguration(FlakyClientGeneratorConfiguration.class, RecordingSchedulerConfiguration.class)
			.run((context) -> {
				FlakyClientGenerator generator = context.getBean(FlakyClientGenerator.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> generator.threads.size() == 2);
				assertThat(generator.threads.get(1)).as("thread of the scheduled retry")
					.startsWith("dynamic-bean-recover-");
				assertThat(context.getBean(RecordingTaskScheduler.class).scheduled)
					.as("tasks given to the application's TaskScheduler")
					.isEmpty();
			});
	}

	@Test
	void scheduledJobsKeepTheirCadenceWhileAGeneratorBlocks() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
			.withUserConfiguration(BlockingClientGeneratorConfiguration.class, TickingJobConfiguration.class)
			.run((context) -> {
				BlockingClientGenerator generator = context.getBean(BlockingClientGenerator.class);
				TickingJob job = context.getBean(TickingJob.class);
				try {
					await().atMost(Duration.ofSeconds(10)).until(() -> generator.blocked.getCount() == 0);
					int ticksWhenBlocked = job.ticks.get();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> job.ticks.get() >= ticksWhenBlocked + 10);
					assertThat(generator.blocked.getCount()).as("the generator is still blocked").isZero();
					assertThat(generator.release.getCount()).as("the generator was not released").isOne();
					assertThat(generator.retryThread).as("thread of the blocked retry")
						.startsWith("dynamic-bean-recover-");
					assertThat(job.thread).as("thread of the @Scheduled job").startsWith("scheduling-");
				}
				finally {
					generator.release.countDown();
				}
			});
	}

	@Test
	void bindsRecoveryProperties() {
		this.contextRunner.withPropertyValues("dynamic-bean.recovery.threads=2", "dynamic-bean.recovery.jitter=0")
			.run((context) -> {
				DynamicBeanProperties.Recovery recovery = context.getBean(DynamicBeanProperties.class).getRecovery();
				assertThat(recovery.getThreads()).as("dynamic-bean.recovery.threads").isEqualTo(2);
				assertThat(recovery.getJitter()).as("dynamic-bean.recovery.jitter").isZero();
			});
	}

	@Test
	void refusesAJitterAboveOne() {
		this.contextRunner.withPropertyValues("dynamic-bean.recovery.jitter=1.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("dynamic-bean.recovery.jitter must be between 0 and 1"));
	}

	@Test
	void retriesOnItsOwnSchedulerWhenTheContextHasNone() {
		this.contextRunner.withUserConfiguration(FlakyClientGeneratorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(TaskScheduler.class);
			FlakyClientGenerator generator = context.getBean(FlakyClientGenerator.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> generator.threads.size() == 2);
			assertThat(generator.threads.get(1)).as("thread of the scheduled retry")
				.startsWith("dynamic-bean-recover-");
		});
	}

	static class Client {

	}

	static class ClientGenerator extends DynamicGeneratorAdapter<Client> {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public Client generate() {
			this.calls.incrementAndGet();
			return new Client();
		}

	}

	/**
	 * Fails its first call, succeeds afterwards; retried after one second.
	 */
	static class FlakyClientGenerator extends DynamicGeneratorAdapter<Client> {

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public Client generate() {
			this.threads.add(Thread.currentThread().getName());
			if (this.threads.size() == 1) {
				throw new IllegalStateException("backend down");
			}
			return new Client();
		}

		@Override
		public int getDelaySeconds() {
			return 1;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientGeneratorConfiguration {

		@Bean
		ClientGenerator clientGenerator() {
			return new ClientGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FlakyClientGeneratorConfiguration {

		@Bean
		FlakyClientGenerator clientGenerator() {
			return new FlakyClientGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFactoryConfiguration {

		@Bean
		DefaultDynamicBeanFactory customDynamicBeanFactory(ObjectProvider<DynamicBeanListener> listeners) {
			return new DefaultDynamicBeanFactory(listeners);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class EnableDynamicBeansConfiguration {

	}

	/**
	 * Fails its first call; its retry, one second later, blocks until released (a connect waiting
	 * out its timeout).
	 */
	static class BlockingClientGenerator extends DynamicGeneratorAdapter<Client> {

		final AtomicInteger calls = new AtomicInteger();

		final CountDownLatch blocked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile String retryThread;

		@Override
		public Client generate() throws InterruptedException {
			if (this.calls.incrementAndGet() == 1) {
				throw new IllegalStateException("backend down");
			}
			this.retryThread = Thread.currentThread().getName();
			this.blocked.countDown();
			this.release.await(1, TimeUnit.MINUTES);
			return new Client();
		}

		@Override
		public int getDelaySeconds() {
			return 1;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingClientGeneratorConfiguration {

		@Bean
		BlockingClientGenerator clientGenerator() {
			return new BlockingClientGenerator();
		}

	}

	/**
	 * An application job on Spring Boot's scheduler, every 50 ms.
	 */
	static class TickingJob {

		final AtomicInteger ticks = new AtomicInteger();

		volatile String thread;

		@Scheduled(fixedRate = 50)
		void tick() {
			this.thread = Thread.currentThread().getName();
			this.ticks.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class TickingJobConfiguration {

		@Bean
		TickingJob tickingJob() {
			return new TickingJob();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingSchedulerConfiguration {

		@Bean
		RecordingTaskScheduler recordingTaskScheduler() {
			return new RecordingTaskScheduler();
		}

	}

	/**
	 * Records the instants it is asked to run tasks at, and runs none of them.
	 */
	static class RecordingTaskScheduler extends ThreadPoolTaskScheduler {

		final List<Instant> scheduled = new CopyOnWriteArrayList<>();

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
			this.scheduled.add(startTime);
			return super.schedule(() -> {
			}, startTime.plus(Duration.ofHours(1)));
		}

	}

}
