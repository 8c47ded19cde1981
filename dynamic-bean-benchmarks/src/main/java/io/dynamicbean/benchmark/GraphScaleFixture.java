/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import java.util.List;

import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.support.DefaultDynamicBeanFactory;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.Assert;

/**
 * A refreshed application context holding the generators of one graph, every generator bean
 * created and no dynamic bean generated yet: the state in which {@code refresh()} calls
 * {@link DefaultDynamicBeanFactory#afterSingletonsInstantiated()}.
 *
 * <p>The context is an {@link AnnotationConfigApplicationContext}, so generated beans go through
 * the bean post-processors every annotation-driven application has. The factory bean is lazy:
 * {@code refresh()} creates the generators and freezes the configuration but leaves start-up
 * generation to {@link #generate()}, which the benchmark measures alone.
 */
public final class GraphScaleFixture implements AutoCloseable {

	private final GraphShape shape;

	private final int size;

	private final boolean headsDown;

	private final GenericApplicationContext context;

	private final DefaultDynamicBeanFactory factory;

	private GraphScaleFixture(GraphShape shape, int size, boolean headsDown) {
		this.shape = shape;
		this.size = size;
		this.headsDown = headsDown;
		this.context = new AnnotationConfigApplicationContext();
		for (int index = 0; index < size; index++) {
			registerGenerator(shape.generator(index, headsDown));
		}
		this.context.registerBean("dynamicBeanFactory", DefaultDynamicBeanFactory.class,
				() -> new DefaultDynamicBeanFactory(this.context.getBeanProvider(DynamicBeanListener.class)),
				(definition) -> definition.setLazyInit(true));
		this.context.refresh();
		this.factory = this.context.getBean(DefaultDynamicBeanFactory.class);
	}

	/**
	 * Create a refreshed context holding {@code size} generators arranged as {@code shape}.
	 * @param shape how the generators depend on each other
	 * @param size the number of generators, positive
	 * @param headsDown whether the generators without dependencies fail, so that all the
	 * others wait for them
	 * @return the fixture, to close after use
	 */
	public static GraphScaleFixture create(GraphShape shape, int size, boolean headsDown) {
		Assert.notNull(shape, "shape must not be null");
		Assert.isTrue(size > 0, "size must be positive");
		return new GraphScaleFixture(shape, size, headsDown);
	}

	@SuppressWarnings("unchecked")
	private <T> void registerGenerator(T generator) {
		String name = ((LinkGenerator) generator).getBeanName() + "Generator";
		this.context.registerBean(name, (Class<T>) generator.getClass(), () -> generator);
	}

	/**
	 * Run start-up generation: discover and validate the generators, then generate, register and
	 * activate every dynamic bean.
	 */
	public void generate() {
		this.factory.afterSingletonsInstantiated();
	}

	/**
	 * The control experiment: register and initialize {@code size} links exactly as the engine's
	 * registrar does (a singleton bean definition with an instance supplier and an inferred destroy
	 * method, the dependency recorded, then {@code getBean}), without the engine. The difference to
	 * {@link #generate()} is what the engine adds to Spring's own cost.
	 */
	public void registerWithoutEngine() {
		DefaultListableBeanFactory beanFactory = this.context.getDefaultListableBeanFactory();
		Link[] links = new Link[this.size];
		for (int index = 0; index < this.size; index++) {
			int previous = previousIndex(index);
			Link link = new Link(LinkGenerators.linkName(index), (previous >= 0) ? links[previous] : null);
			RootBeanDefinition definition = new RootBeanDefinition(Link.class, () -> link);
			definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
			beanFactory.registerBeanDefinition(link.getName(), definition);
			if (previous >= 0) {
				beanFactory.registerDependentBean(LinkGenerators.linkName(previous), link.getName());
			}
			links[index] = beanFactory.getBean(link.getName(), Link.class);
		}
	}

	private int previousIndex(int index) {
		return switch (this.shape.depth(index)) {
			case 1 -> -1;
			case 2 -> (this.shape == GraphShape.FAN) ? 0 : index - 1;
			default -> index - 1;
		};
	}

	/**
	 * Check the outcome of {@link #generate()}: every dynamic bean active and registered, built
	 * from the right dependency; or, when the heads are down, the heads failed and every other
	 * bean waiting, none registered.
	 * @throws IllegalStateException if not
	 */
	public void verify() {
		List<DynamicBeanStatus> statuses = this.factory.getStatuses();
		Assert.state(statuses.size() == this.size,
				() -> "Expected " + this.size + " dynamic beans but the factory knows " + statuses.size());
		for (DynamicBeanStatus status : statuses) {
			DynamicBeanState expected = expectedState(status.beanName());
			Assert.state(status.state() == expected, () -> "Dynamic bean '" + status.beanName() + "' is "
					+ status.state() + " instead of " + expected + ": " + status.lastFailure());
		}
		if (this.headsDown) {
			Assert.state(this.context.getBeanNamesForType(Link.class).length == 0, "No link should be registered");
			return;
		}
		for (int index = 0; index < this.size; index++) {
			Link link = this.context.getBean(LinkGenerators.linkName(index), Link.class);
			int expected = this.shape.depth(index);
			Assert.state(link.getDepth() == expected,
					() -> link + " of a " + this.shape + " should have depth " + expected);
		}
	}

	private DynamicBeanState expectedState(String beanName) {
		if (!this.headsDown) {
			return DynamicBeanState.ACTIVE;
		}
		int index = Integer.parseInt(beanName.substring("link".length()));
		return (this.shape.depth(index) == 1) ? DynamicBeanState.FAILED : DynamicBeanState.WAITING;
	}

	/**
	 * Return the context, for inspection.
	 * @return the refreshed context
	 */
	public GenericApplicationContext getContext() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
