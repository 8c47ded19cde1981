/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.util.concurrent.TimeUnit;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.autoconfigure.DynamicBeanAutoConfiguration;
import io.dynamicbean.autoconfigure.actuate.Generators.FlakyGeneratorsConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DynamicBeanMetrics} and {@link DynamicBeanMetricsAutoConfiguration}.
 */
class DynamicBeanMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
				DynamicBeanMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withUserConfiguration(FlakyGeneratorsConfiguration.class);

	@Test
	void countsTheFailedAttemptMadeAtStartUp() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry).isInstanceOf(SimpleMeterRegistry.class);
			assertThat(attempts(registry, "client", "failure")).as("failed start-up attempts of 'client'").isEqualTo(1);
			assertThat(registry.find("dynamic.bean.attempts").tag("outcome", "success").counters())
				.as("successful attempts")
				.isEmpty();
			assertThat(registry.find("dynamic.bean.attempts").tag("bean", "service").counters())
				.as("attempts of 'service', which waits without calling its generator")
				.isEmpty();
		});
	}

	@Test
	void countsAndTimesAFailingThenASucceedingAttempt() {
		this.contextRunner.run((context) -> {
			context.getBean(DynamicBeanFactory.class).recover("client");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(attempts(registry, "client", "failure")).isEqualTo(1);
			assertThat(attempts(registry, "client", "success")).isEqualTo(1);
			assertThat(attempts(registry, "service", "success")).as("the waiting dependent, generated with it")
				.isEqualTo(1);
			Timer failed = generation(registry, "client", "failure");
			Timer succeeded = generation(registry, "client", "success");
			assertThat(failed.count()).isEqualTo(1);
			assertThat(succeeded.count()).isEqualTo(1);
			assertThat(succeeded.totalTime(TimeUnit.NANOSECONDS)).as("time of the successful attempt").isPositive();
		});
	}

	@Test
	void countsBeansPerState() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(beans(registry, "FAILED")).isEqualTo(1);
			assertThat(beans(registry, "WAITING")).isEqualTo(1);
			assertThat(beans(registry, "ACTIVE")).isZero();
			assertThat(registry.find("dynamic.beans").gauges()).as("one gauge per state").hasSize(6);
			context.getBean(DynamicBeanFactory.class).recover();
			assertThat(beans(registry, "ACTIVE")).as("active beans after recovery").isEqualTo(2);
			assertThat(beans(registry, "FAILED")).isZero();
			assertThat(beans(registry, "WAITING")).isZero();
		});
	}

	@Test
	void countsInvalidationsOfTheBeanAndOfItsDependents() {
		this.contextRunner.run((context) -> {
			DynamicBeanFactory factory = context.getBean(DynamicBeanFactory.class);
			factory.recover();
			factory.invalidate("client", new IllegalStateException("backend died"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("dynamic.bean.invalidations").tag("bean", "client").counter().count()).isEqualTo(1);
			assertThat(registry.get("dynamic.bean.invalidations").tag("bean", "service").counter().count())
				.as("the dependent removed with it")
				.isEqualTo(1);
		});
	}

	@Test
	void isNotRegisteredWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
					DynamicBeanMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DynamicBeanMetrics.class));
	}

	@Test
	void isNotRegisteredWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DynamicBeanAutoConfiguration.class,
					DynamicBeanMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DynamicBeanMetrics.class));
	}

	@Test
	void isNotRegisteredWhenDynamicBeansAreOff() {
		this.contextRunner.withPropertyValues("dynamic-bean.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DynamicBeanMetrics.class));
	}

	private static double attempts(MeterRegistry registry, String bean, String outcome) {
		return registry.get("dynamic.bean.attempts").tag("bean", bean).tag("outcome", outcome).counter().count();
	}

	private static Timer generation(MeterRegistry registry, String bean, String outcome) {
		return registry.get("dynamic.bean.generation").tag("bean", bean).tag("outcome", outcome).timer();
	}

	private static double beans(MeterRegistry registry, String state) {
		return registry.get("dynamic.beans").tag("state", state).gauge().value();
	}

}
