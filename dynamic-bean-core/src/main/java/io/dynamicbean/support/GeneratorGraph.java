/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.dynamicbean.AmbiguousDynamicDependencyException;
import io.dynamicbean.DynamicAutowired;
import io.dynamicbean.DynamicBeanDefinitionException;
import io.dynamicbean.DynamicBeanNameConflictException;
import io.dynamicbean.DynamicDependencyCycleException;
import io.dynamicbean.DynamicGenerator;
import io.dynamicbean.UnsatisfiedDynamicDependencyException;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * The validated dependency graph of all generators: built once at start-up, it fails with a
 * {@link DynamicBeanDefinitionException} on a programming error (bad delay, clashing names,
 * unsatisfied or ambiguous {@code @DynamicAutowired} field, cycle) and orders the generators so
 * that every dependency comes before its dependents.
 */
final class GeneratorGraph {

	private final List<GeneratorNode> ordered;

	private final Map<String, GeneratorNode> byName;

	private GeneratorGraph(List<GeneratorNode> ordered, Map<String, GeneratorNode> byName) {
		this.ordered = ordered;
		this.byName = byName;
	}

	/**
	 * Build and validate the graph.
	 * @param generators the generators by the name of their bean in the application context
	 * @param nameTaken tells whether a bean name is already used by an ordinary bean
	 */
	static GeneratorGraph build(Map<String, DynamicGenerator<?>> generators, Predicate<String> nameTaken) {
		Map<String, GeneratorNode> byName = new LinkedHashMap<>();
		generators.forEach((generatorName, generator) -> {
			GeneratorNode node = createNode(generatorName, generator);
			GeneratorNode existing = byName.putIfAbsent(node.beanName, node);
			if (existing != null) {
				throw new DynamicBeanNameConflictException("Generators '" + existing.generatorName + "' and '"
						+ generatorName + "' both produce a dynamic bean named '" + node.beanName
						+ "'; give one of them another name (setBeanName or override getBeanName())");
			}
			if (nameTaken.test(node.beanName)) {
				throw new DynamicBeanNameConflictException("Dynamic bean name '" + node.beanName + "' of generator '"
						+ generatorName + "' is already taken by a bean of the application context; give the "
						+ "generator another bean name (setBeanName or override getBeanName())");
			}
		});
		Map<Class<?>, List<Field>> fieldsByClass = new HashMap<>();
		Map<Class<?>, List<GeneratorNode>> candidatesByType = new HashMap<>();
		for (GeneratorNode node : byName.values()) {
			List<Field> fields = fieldsByClass.computeIfAbsent(ClassUtils.getUserClass(node.injectionTarget),
					GeneratorGraph::dynamicAutowiredFields);
			for (Field field : fields) {
				String wanted = field.getAnnotation(DynamicAutowired.class).value();
				List<GeneratorNode> candidates = wanted.isEmpty()
						? excluding(node, candidatesByType.computeIfAbsent(field.getType(),
								(type) -> assignableTo(type, byName.values())))
						: named(wanted, field.getType(), byName);
				GeneratorNode dependency = resolve(node, field, wanted, candidates);
				node.injections.add(new GeneratorNode.Injection(field, dependency));
				if (!node.dependencies.contains(dependency)) {
					node.dependencies.add(dependency);
					dependency.dependents.add(node);
				}
			}
		}
		List<GeneratorNode> ordered = sort(byName.values());
		for (int i = 0; i < ordered.size(); i++) {
			GeneratorNode node = ordered.get(i);
			node.index = i;
			node.dependencyNames = node.dependencies.stream().map((dependency) -> dependency.beanName).toList();
			node.publish();
		}
		return new GeneratorGraph(List.copyOf(ordered), byName);
	}

	private static GeneratorNode createNode(String generatorName, DynamicGenerator<?> generator) {
		String beanName = generator.getBeanName();
		if (!StringUtils.hasText(beanName)) {
			throw new DynamicBeanDefinitionException(
					"Generator '" + generatorName + "' returns an empty bean name; return a name from getBeanName()");
		}
		if (generator.getBeanType() == null) {
			throw new DynamicBeanDefinitionException("Generator '" + generatorName + "' for dynamic bean '" + beanName
					+ "' returns a null bean type; return the generated type from getBeanType()");
		}
		int delaySeconds = generator.getDelaySeconds();
		if (delaySeconds < 0) {
			throw new DynamicBeanDefinitionException("Generator '" + generatorName + "' declares a negative delay ("
					+ delaySeconds + " s) for dynamic bean '" + beanName + "'; return 0 (never retry) or a "
					+ "positive number of seconds from getDelaySeconds()");
		}
		Object target = AopProxyUtils.getSingletonTarget(generator);
		return new GeneratorNode(generatorName, generator, (target != null) ? target : generator,
				Duration.ofSeconds(delaySeconds));
	}

	private static List<Field> dynamicAutowiredFields(Class<?> generatorClass) {
		List<Field> fields = new ArrayList<>();
		ReflectionUtils.doWithFields(generatorClass, (field) -> {
			if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
				throw new DynamicBeanDefinitionException("@DynamicAutowired field '" + field.getName() + "' of "
						+ generatorClass.getName() + " must be neither static nor final");
			}
			ReflectionUtils.makeAccessible(field);
			fields.add(field);
		}, (field) -> field.isAnnotationPresent(DynamicAutowired.class));
		return fields;
	}

	private static List<GeneratorNode> assignableTo(Class<?> type, Collection<GeneratorNode> nodes) {
		return nodes.stream().filter((candidate) -> type.isAssignableFrom(candidate.beanType)).toList();
	}

	/** By type, a generator never matches its own bean: that could only be a cycle. */
	private static List<GeneratorNode> excluding(GeneratorNode node, List<GeneratorNode> candidates) {
		return candidates.contains(node) ? candidates.stream().filter((each) -> each != node).toList() : candidates;
	}

	private static List<GeneratorNode> named(String name, Class<?> type, Map<String, GeneratorNode> byName) {
		GeneratorNode candidate = byName.get(name);
		return (candidate != null && type.isAssignableFrom(candidate.beanType)) ? List.of(candidate) : List.of();
	}

	private static GeneratorNode resolve(GeneratorNode node, Field field, String wanted,
			List<GeneratorNode> candidates) {
		String fieldName = field.getDeclaringClass().getSimpleName() + "." + field.getName();
		if (candidates.isEmpty()) {
			String what = wanted.isEmpty() ? "a bean of type " + field.getType().getName()
					: "a bean named '" + wanted + "' of type " + field.getType().getName();
			throw new UnsatisfiedDynamicDependencyException("Field '" + fieldName + "' of generator '"
					+ node.generatorName + "' is @DynamicAutowired but no generator produces " + what
					+ "; declare a DynamicGenerator bean for it or remove the annotation");
		}
		if (candidates.size() > 1) {
			String names = String.join(", ", candidates.stream().map(GeneratorNode::toString).toList());
			throw new AmbiguousDynamicDependencyException("Field '" + fieldName + "' of generator '"
					+ node.generatorName + "' is @DynamicAutowired and matches " + candidates.size()
					+ " dynamic beans: " + names + "; name the one to inject with @DynamicAutowired(\""
					+ candidates.get(0).beanName + "\")");
		}
		return candidates.get(0);
	}

	/** Depth-first topological sort without recursion, so that long chains cannot overflow the stack. */
	private static List<GeneratorNode> sort(Collection<GeneratorNode> nodes) {
		List<GeneratorNode> ordered = new ArrayList<>(nodes.size());
		Set<GeneratorNode> done = Collections.newSetFromMap(new IdentityHashMap<>());
		Set<GeneratorNode> onPath = new LinkedHashSet<>();
		Deque<Frame> stack = new ArrayDeque<>();
		for (GeneratorNode root : nodes) {
			if (done.contains(root)) {
				continue;
			}
			stack.push(new Frame(root));
			onPath.add(root);
			while (!stack.isEmpty()) {
				Frame frame = stack.peek();
				GeneratorNode next = frame.nextDependency();
				if (next == null) {
					stack.pop();
					onPath.remove(frame.node);
					done.add(frame.node);
					ordered.add(frame.node);
				}
				else if (onPath.contains(next)) {
					throw new DynamicDependencyCycleException(cycle(onPath, next));
				}
				else if (!done.contains(next)) {
					stack.push(new Frame(next));
					onPath.add(next);
				}
			}
		}
		return ordered;
	}

	private static List<String> cycle(Set<GeneratorNode> path, GeneratorNode repeated) {
		List<String> names = new ArrayList<>();
		boolean inCycle = false;
		for (GeneratorNode node : path) {
			inCycle |= (node == repeated);
			if (inCycle) {
				names.add(node.beanName);
			}
		}
		names.add(repeated.beanName);
		return names;
	}

	List<GeneratorNode> ordered() {
		return this.ordered;
	}

	@Nullable GeneratorNode get(String beanName) {
		return this.byName.get(beanName);
	}

	private static final class Frame {

		final GeneratorNode node;

		private int next;

		Frame(GeneratorNode node) {
			this.node = node;
		}

		@Nullable GeneratorNode nextDependency() {
			return (this.next < this.node.dependencies.size()) ? this.node.dependencies.get(this.next++) : null;
		}

	}

}
