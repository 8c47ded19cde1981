/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import io.dynamicbean.DynamicAutowired;
import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The graphs the benchmarks measure are the graphs they claim to be, and the checks run after
 * each measurement catch a wrong outcome. Small sizes only: the benchmarks themselves are run by
 * {@code scripts/bench-graph.sh}, never by the build.
 */
class GraphScaleFixtureTests {

	@Test
	void followerClassesNameTheLinkBeforeThem() throws NoSuchFieldException {
		LinkGenerator follower = LinkGenerators.follower(5);
		DynamicAutowired annotation = follower.getClass()
			.getDeclaredField("previous")
			.getAnnotation(DynamicAutowired.class);
		assertThat(follower.getBeanName()).isEqualTo("link5");
		assertThat(annotation.value()).as("dependency of link5").isEqualTo("link4");
		assertThat(LinkGenerators.follower(6).getClass()).as("one class per link").isNotEqualTo(follower.getClass());
	}

	@Test
	void chainLinksEveryGeneratorToThePreviousOne() {
		try (GraphScaleFixture fixture = GraphScaleFixture.create(GraphShape.CHAIN, 100, false)) {
			fixture.generate();
			assertThatNoException().isThrownBy(fixture::verify);
			Link last = fixture.getContext().getBean("link99", Link.class);
			assertThat(last.getDepth()).as("depth of the last link").isEqualTo(100);
			assertThat(last.getPrevious()).isSameAs(fixture.getContext().getBean("link98"));
		}
	}

	@Test
	void chainsOfTenStartAgainEveryTenGenerators() {
		try (GraphScaleFixture fixture = GraphScaleFixture.create(GraphShape.CHAINS_OF_10, 100, false)) {
			fixture.generate();
			assertThatNoException().isThrownBy(fixture::verify);
			assertThat(fixture.getContext().getBean("link19", Link.class).getDepth()).isEqualTo(10);
			assertThat(fixture.getContext().getBean("link20", Link.class).getDepth()).isEqualTo(1);
		}
	}

	@Test
	void fanHangsEveryGeneratorOffTheRoot() {
		try (GraphScaleFixture fixture = GraphScaleFixture.create(GraphShape.FAN, 100, false)) {
			fixture.generate();
			assertThatNoException().isThrownBy(fixture::verify);
			Link root = fixture.getContext().getBean("link0", Link.class);
			assertThat(fixture.getContext().getBean("link99", Link.class).getPrevious()).isSameAs(root);
		}
	}

	@Test
	void everyOtherGeneratorWaitsWhenTheHeadsAreDown() {
		try (GraphScaleFixture fixture = GraphScaleFixture.create(GraphShape.CHAIN, 100, true)) {
			fixture.generate();
			assertThatNoException().isThrownBy(fixture::verify);
			DynamicBeanFactory factory = fixture.getContext().getBean(DynamicBeanFactory.class);
			assertThat(factory.getStatus("link0").state()).isEqualTo(DynamicBeanState.FAILED);
			assertThat(factory.getStatus("link99").state()).isEqualTo(DynamicBeanState.WAITING);
		}
	}

	@Test
	void verificationFailsWhenNothingWasGenerated() {
		try (GraphScaleFixture fixture = GraphScaleFixture.create(GraphShape.FAN, 10, false)) {
			assertThat(catchThrowable(fixture::verify))
				.as("verify() before generate()")
				.isInstanceOf(IllegalStateException.class);
		}
	}

	@Test
	void controlRegistersAsManyLinksWithoutTheEngine() {
		try (GraphScaleFixture fixture = GraphScaleFixture.create(GraphShape.FAN, 100, false)) {
			fixture.registerWithoutEngine();
			assertThat(fixture.getContext().getBeanNamesForType(Link.class)).hasSize(100);
			assertThat(fixture.getContext().getBean(DynamicBeanFactory.class).getStatuses())
				.as("the engine did not run")
				.isEmpty();
		}
	}

}
