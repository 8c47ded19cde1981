/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.autoconfigure.actuate;

import java.util.concurrent.ConcurrentHashMap;

import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.autoconfigure.SwitchableSessionAutoConfiguration;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import io.dynamicbean.session.serialization.UnreadableValue;
import io.dynamicbean.session.serialization.UnreadableValues;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.session.MapSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionStoreMetricsAutoConfiguration}.
 */
class SessionStoreMetricsAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SwitchableSessionAutoConfiguration.class,
				SessionStoreMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@Test
	void bindsTheMetersAndListensToTheFront() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SessionStoreMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("dynamic.bean.session.local.sessions").tag("kind", "local-only").gauge().value())
				.isZero();
			assertThat(registry.find("dynamic.bean.session.writer.redirects").functionCounter())
				.as("writer redirects of the auto-configured request filter")
				.isNotNull();
			context.getBean(SwitchableSessionRepository.class)
				.switchTo("jdbc", new MapSessionRepository(new ConcurrentHashMap<>()));
			assertThat(registry.get("dynamic.bean.session.store.switches").tag("store", "jdbc").tag("to", "remote")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("dynamic.bean.session.store.active").tag("store", "jdbc").gauge().value())
				.isEqualTo(1);
		});
	}

	@Test
	void countsUnreadableValuesPerReasonUnderTheStoreInUse() {
		this.runner.run((context) -> {
			UnreadableValues unreadableValues = context.getBean(UnreadableValues.class);
			unreadableValues.record("cart", new UnreadableValue(UnreadableValue.Reason.CHANGED_CLASS, "shop.Cart",
					"another serialVersionUID"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(UnreadableValuesMetrics.NAME).tag("store", "memcached").tag("reason", "changed-class")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get(UnreadableValuesMetrics.NAME).tag("reason", "refused").functionCounter().count())
				.isZero();
			assertThat(context.getBean(SessionValueSerializer.class).getUnreadableValues())
				.as("the serializer counts in the same place")
				.isSameAs(unreadableValues);
		});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwitchableSessionAutoConfiguration.class,
					SessionStoreMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionStoreMetrics.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SwitchableSessionAutoConfiguration.class,
					SessionStoreMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionStoreMetrics.class));
	}

	@Test
	void backsOffWithoutTheSwitchableFront() {
		this.runner.withPropertyValues("dynamic-bean.session.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionStoreMetrics.class));
	}

}
