/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.benchmark;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.DynamicAutowired;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.matcher.ElementMatchers;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Creates the generators of a benchmark graph; the generator of link {@code i} produces the bean
 * named {@code "link" + i}.
 *
 * <p>{@code @DynamicAutowired("name")} names a dependency per class, not per instance, so a chain
 * needs one generator class per link: {@link #follower(int)} defines (once per JVM, with Byte
 * Buddy) a subclass of {@link LinkGenerator} whose field carries {@code @DynamicAutowired("link"
 * + (i - 1))}, exactly what a hand-written generator would declare.
 */
final class LinkGenerators {

	private static final MethodType CONSTRUCTOR = MethodType.methodType(void.class, String.class);

	/** The constructor of the follower of link {@code i} at position {@code i - 1}. */
	private static final List<MethodHandle> followerConstructors = new ArrayList<>();

	private LinkGenerators() {
	}

	/**
	 * Return the name of the bean of link {@code index}.
	 * @param index the index of the link
	 * @return the bean name
	 */
	static String linkName(int index) {
		return "link" + index;
	}

	/**
	 * Create a generator without dynamic dependencies.
	 * @param index the index of its link
	 * @param down whether it fails to generate its link
	 * @return a new generator
	 */
	static LinkGenerator head(int index, boolean down) {
		return new LinkGenerator.Head(linkName(index), down);
	}

	/**
	 * Create a generator whose link depends on link {@code index - 1}.
	 * @param index the index of its link, positive
	 * @return a new generator, of a class of its own
	 */
	static synchronized LinkGenerator follower(int index) {
		Assert.isTrue(index > 0, "Link 0 has no link to follow");
		if (index > followerConstructors.size()) {
			defineFollowers(index + 1);
		}
		try {
			return (LinkGenerator) followerConstructors.get(index - 1).invoke(linkName(index));
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Cannot create the generator of " + linkName(index), ex);
		}
	}

	/**
	 * Define the follower classes of links {@code 1} to {@code count - 1} that do not exist yet,
	 * so that a benchmark can pay for it before measuring.
	 * @param count one more than the highest link index needed
	 */
	static synchronized void defineFollowers(int count) {
		MethodHandles.Lookup lookup = MethodHandles.lookup();
		ByteBuddy byteBuddy = new ByteBuddy();
		for (int index = followerConstructors.size() + 1; index < count; index++) {
			Class<? extends LinkGenerator> type = byteBuddy
				.subclass(LinkGenerator.class, ConstructorStrategy.Default.IMITATE_SUPER_CLASS_OPENING)
				.name(LinkGenerator.class.getPackageName() + ".Link" + index + "Generator")
				.defineField("previous", Link.class, Visibility.PRIVATE)
				.annotateField(AnnotationDescription.Builder.ofType(DynamicAutowired.class)
					.define("value", linkName(index - 1))
					.build())
				.method(ElementMatchers.named("previous"))
				.intercept(FieldAccessor.ofField("previous"))
				.make()
				.load(LinkGenerator.class.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(lookup))
				.getLoaded();
			try {
				followerConstructors.add(lookup.findConstructor(type, CONSTRUCTOR));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Generated class " + type.getName() + " has no (String) constructor", ex);
			}
		}
	}

	/**
	 * The generator of a leaf of a fan: every leaf depends on link 0, the root, so one class
	 * serves them all.
	 */
	public static class FanLeaf extends LinkGenerator {

		@DynamicAutowired("link0")
		private @Nullable Link root;

		/**
		 * Create a leaf.
		 * @param beanName the name of the generated bean
		 */
		public FanLeaf(String beanName) {
			super(beanName);
		}

		@Override
		public @Nullable Link previous() {
			return this.root;
		}

	}

}
