/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import java.net.ConnectException;

import io.dynamicbean.DynamicGeneratorAdapter;
import org.jspecify.annotations.Nullable;

/**
 * A trivial generator: its bean is a {@link Link} made from the link it depends on. Subclasses
 * declare that dependency as a {@code @DynamicAutowired("name")} field and return it from
 * {@link #previous()}; a head of a chain has none. Like every generator of the memcached chain,
 * it declares a retry delay of 30 seconds.
 */
public abstract class LinkGenerator extends DynamicGeneratorAdapter<Link> {

	/** The retry delay of every link, the design card's cadence. */
	static final int DELAY_SECONDS = 30;

	/**
	 * Create a generator of the given dynamic bean.
	 * @param beanName the name of the generated bean
	 */
	protected LinkGenerator(String beanName) {
		setBeanName(beanName);
	}

	@Override
	public Link generate() throws Exception {
		return new Link(getBeanName(), previous());
	}

	/**
	 * Return {@value #DELAY_SECONDS}.
	 */
	@Override
	public int getDelaySeconds() {
		return DELAY_SECONDS;
	}

	/**
	 * Return the injected link this one follows.
	 * @return the previous link, or {@code null} for a head
	 */
	public abstract @Nullable Link previous();

	/**
	 * The head of a chain, or the root of a fan: a generator without dynamic dependencies. A head
	 * that is down fails like a client whose server refuses connections, so that every link after
	 * it waits.
	 */
	public static class Head extends LinkGenerator {

		private final boolean down;

		/**
		 * Create a head.
		 * @param beanName the name of the generated bean
		 * @param down whether {@link #generate()} fails
		 */
		public Head(String beanName, boolean down) {
			super(beanName);
			this.down = down;
		}

		@Override
		public Link generate() throws Exception {
			if (this.down) {
				throw new ConnectException("Connection refused: " + getBeanName() + " is down");
			}
			return super.generate();
		}

		@Override
		public @Nullable Link previous() {
			return null;
		}

	}

}
