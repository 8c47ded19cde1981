/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

import io.dynamicbean.AbstractExecutableDynamicBeanGeneratorAdapter;
import io.dynamicbean.DynamicBeanDependencyException;
import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanGenerationException;
import io.dynamicbean.DynamicBeanListener;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.DynamicBeanStatus;
import io.dynamicbean.DynamicGenerator;
import io.dynamicbean.NoSuchDynamicGeneratorException;
import io.dynamicbean.event.DynamicBeanFailedEvent;
import io.dynamicbean.event.DynamicBeanInvalidatedEvent;
import io.dynamicbean.event.DynamicBeanRegisteredEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link DynamicBeanFactory} of an application context: discovers every
 * {@link DynamicGenerator} bean once all singletons exist, validates their dependency graph
 * (failing start-up on a programming error), generates their beans in dependency order, and
 * registers each success as a singleton bean definition.
 *
 * <p>Each generator has its own lock: {@code generate()} never runs twice at once for the same
 * generator, and a bean is registered exactly once however many threads ask for it. A thread holds
 * one generator's lock at a time while generating; invalidation takes the locks of a bean and its
 * dependents in one global order, so the two never deadlock.
 *
 * <p>A failed bean is retried after its generator's delay plus a random jitter of up to
 * {@link #DEFAULT_RETRY_JITTER 10 %} of that delay, so that instances which failed together do
 * not all retry in the same second. The start-up summary (which beans are missing, when each is
 * retried) is logged once the context has refreshed, so a context that fails to start never
 * claims to have started.
 *
 * <p>Defaults: the system UTC clock, changed with {@link #setClock(Clock)}; a jitter of
 * {@value #DEFAULT_RETRY_JITTER} of each delay, changed with {@link #setRetryJitter(double)}.
 */
public class DefaultDynamicBeanFactory implements DynamicBeanFactory, SmartInitializingSingleton, BeanFactoryAware,
		ApplicationEventPublisherAware, SmartApplicationListener {

	/** The default upper bound of the jitter added to each retry delay, as a fraction of it: 0.1 (10 %). */
	public static final double DEFAULT_RETRY_JITTER = 0.1;

	private static final Log logger = LogFactory.getLog(DefaultDynamicBeanFactory.class);

	private final ObjectProvider<DynamicBeanListener> listenerProvider;

	private List<DynamicBeanListener> listeners = List.of();

	private @Nullable DefaultListableBeanFactory beanFactory;

	private @Nullable DynamicBeanRegistrar registrar;

	private @Nullable ApplicationEventPublisher eventPublisher;

	private Clock clock = Clock.systemUTC();

	private double retryJitter = DEFAULT_RETRY_JITTER;

	private @Nullable RandomGenerator random;

	private volatile @Nullable GeneratorGraph graph;

	private volatile boolean closed;

	/** While start-up generation runs, failures are reported by the one start-up summary line. */
	private volatile boolean startingUp;

	private volatile boolean reported;

	/**
	 * Create a factory.
	 * @param listeners the listeners to call on each transition, resolved when the context has
	 * created its singletons
	 */
	public DefaultDynamicBeanFactory(ObjectProvider<DynamicBeanListener> listeners) {
		Assert.notNull(listeners, "listeners must not be null");
		this.listenerProvider = listeners;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(DefaultListableBeanFactory.class, beanFactory,
				"DefaultDynamicBeanFactory registers beans and needs a DefaultListableBeanFactory");
		this.beanFactory = (DefaultListableBeanFactory) beanFactory;
		this.registrar = new DynamicBeanRegistrar(this.beanFactory);
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Set the clock that stamps failures and computes retry times.
	 * @param clock the clock, not {@code null}; {@link Clock#systemUTC()} by default
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	/**
	 * Set the upper bound of the random jitter added to each retry delay, as a fraction of the
	 * delay: with {@code 0.1}, a bean whose generator declares 30 s is retried between 30 s and
	 * 33 s after its failure. A retry never comes earlier than the declared delay.
	 * @param retryJitter from {@code 0} (no jitter) to {@code 1}; {@value #DEFAULT_RETRY_JITTER} by
	 * default
	 */
	public void setRetryJitter(double retryJitter) {
		Assert.isTrue(retryJitter >= 0 && retryJitter <= 1,
				() -> "retryJitter must be between 0 (no jitter) and 1 (up to twice the delay), but was " + retryJitter);
		this.retryJitter = retryJitter;
	}

	/**
	 * Set the random source of the retry jitter.
	 * @param random the random source, not {@code null}; {@link ThreadLocalRandom} by default
	 */
	public void setRandom(RandomGenerator random) {
		Assert.notNull(random, "random must not be null");
		this.random = random;
	}

	/**
	 * Discover and validate the generators, then generate every bean that is not direct-only.
	 * @throws io.dynamicbean.DynamicBeanDefinitionException if a generator is declared wrongly
	 */
	@Override
	public void afterSingletonsInstantiated() {
		DefaultListableBeanFactory beanFactory = beanFactory();
		@SuppressWarnings({ "rawtypes", "unchecked" })
		Map<String, DynamicGenerator<?>> generators = (Map) beanFactory.getBeansOfType(DynamicGenerator.class);
		GeneratorGraph graph = GeneratorGraph.build(generators, beanFactory::containsBean);
		this.listeners = this.listenerProvider.orderedStream().toList();
		this.graph = graph;
		this.startingUp = true;
		Pass startup = new Pass();
		for (GeneratorNode node : graph.ordered()) {
			if (node.state == DynamicBeanState.PENDING) {
				startup.process(startup.planFor(node));
			}
		}
		this.startingUp = false;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ContextRefreshedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	/**
	 * Log the start-up summary once the context has refreshed, and stop generating once it closes.
	 * Events of other contexts (a child context's refresh) are ignored.
	 */
	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ContextRefreshedEvent refreshed && isOwn(refreshed)) {
			reportStartup();
		}
		else if (event instanceof ContextClosedEvent closed && isOwn(closed)) {
			this.closed = true;
		}
	}

	private boolean isOwn(ApplicationContextEvent event) {
		return event.getApplicationContext().getAutowireCapableBeanFactory() == this.beanFactory;
	}

	private void reportStartup() {
		GeneratorGraph graph = this.graph;
		if (graph != null && !this.reported) {
			this.reported = true;
			StartupReport.log(logger, graph.ordered(), this.clock.instant());
		}
	}

	@Override
	public <T> T generateBean(Class<T> type) {
		Assert.notNull(type, "type must not be null");
		GeneratorNode node = nodeFor(type);
		Pass pass = new Pass();
		pass.process(pass.planFor(node));
		pass.cascade();
		if (!node.isActive()) {
			DynamicBeanStatus status = node.status();
			if (status.lastFailure() instanceof DynamicBeanGenerationException ex) {
				throw ex;
			}
			throw new DynamicBeanGenerationException(node.beanName, "Dynamic bean '" + node.beanName
					+ "' could not be generated by generator '" + node.generatorName + "' (" + status.state() + ")",
					status.lastFailure());
		}
		try {
			return type.cast(registrar().getBean(node.beanName));
		}
		catch (BeansException ex) {
			throw new DynamicBeanGenerationException(node.beanName,
					"Dynamic bean '" + node.beanName + "' was removed while it was being returned", ex);
		}
	}

	@Override
	public List<DynamicBeanStatus> getStatuses() {
		GeneratorGraph graph = this.graph;
		return (graph != null) ? graph.ordered().stream().map(GeneratorNode::status).toList() : List.of();
	}

	@Override
	public @Nullable DynamicBeanStatus getStatus(String beanName) {
		GeneratorGraph graph = this.graph;
		GeneratorNode node = (graph != null) ? graph.get(beanName) : null;
		return (node != null) ? node.status() : null;
	}

	@Override
	public List<DynamicBeanStatus> recover() {
		List<GeneratorNode> missing = graph().ordered()
			.stream()
			.filter((node) -> node.currentState().isMissing() || node.currentState() == DynamicBeanState.PENDING)
			.toList();
		Pass pass = new Pass();
		pass.process(missing);
		pass.cascade();
		return getStatuses();
	}

	@Override
	public DynamicBeanStatus recover(String beanName) {
		GeneratorNode node = nodeNamed(beanName);
		Pass pass = new Pass();
		pass.process(pass.planFor(node));
		pass.cascade();
		return node.status();
	}

	@Override
	public boolean invalidate(String beanName, Throwable cause) {
		Assert.notNull(cause, "cause must not be null");
		GeneratorNode node = nodeNamed(beanName);
		List<GeneratorNode> affected = dependentsFirst(node);
		List<Runnable> notifications = new ArrayList<>();
		affected.forEach((each) -> each.lock.lock());
		try {
			if (node.state != DynamicBeanState.ACTIVE) {
				return false;
			}
			List<GeneratorNode> removed = affected.stream().filter((each) -> each.state == DynamicBeanState.ACTIVE).toList();
			removed.forEach((each) -> registrar().remove(each.beanName));
			fail(node, cause);
			List<GeneratorNode> dependenciesFirst = new ArrayList<>(removed);
			Collections.reverse(dependenciesFirst);
			for (GeneratorNode each : dependenciesFirst) {
				if (each != node) {
					waitFor(each, each.dependencies.stream().filter(removed::contains).findFirst().orElseThrow());
				}
				DynamicBeanStatus status = each.publish();
				notifications.add(() -> notify(status, DynamicBeanListener::onInvalidated,
						new DynamicBeanInvalidatedEvent(this, status)));
			}
			logger.warn("Dynamic bean " + node + " invalidated: " + node.status().lastFailureDescription()
					+ retryDescription(node.nextRetry)
					+ ((removed.size() > 1) ? "; dependents removed with it: "
							+ String.join(", ", removed.stream().filter((each) -> each != node).map((each) -> each.beanName).toList()) : ""));
			return true;
		}
		finally {
			affected.forEach((each) -> each.lock.unlock());
			notifications.forEach(Runnable::run);
		}
	}

	/** The node and all its transitive dependents, dependents first: the global lock order. */
	private static List<GeneratorNode> dependentsFirst(GeneratorNode node) {
		Set<GeneratorNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<GeneratorNode> todo = new ArrayList<>(List.of(node));
		while (!todo.isEmpty()) {
			GeneratorNode next = todo.remove(todo.size() - 1);
			if (seen.add(next)) {
				todo.addAll(next.dependents);
			}
		}
		List<GeneratorNode> sorted = new ArrayList<>(seen);
		sorted.sort(Comparator.comparingInt((GeneratorNode each) -> each.index).reversed());
		return sorted;
	}

	/**
	 * Try to generate one node, whose dependencies have been dealt with already. Holds only this
	 * node's lock; listeners are notified after it is released.
	 */
	private void attempt(GeneratorNode node) {
		List<Runnable> notifications = new ArrayList<>(2);
		node.lock.lock();
		try {
			if (node.state == DynamicBeanState.ACTIVE || this.closed) {
				return;
			}
			for (GeneratorNode dependency : node.dependencies) {
				if (!dependency.isActive()) {
					waitFor(node, dependency);
					DynamicBeanStatus status = node.publish();
					logger.debug(status.lastFailure().getMessage());
					notifications.add(() -> notify(status, DynamicBeanListener::onFailed,
							new DynamicBeanFailedEvent(this, status)));
					return;
				}
			}
			generate(node, notifications);
		}
		finally {
			node.lock.unlock();
			notifications.forEach(Runnable::run);
		}
	}

	private void generate(GeneratorNode node, List<Runnable> notifications) {
		node.state = DynamicBeanState.GENERATING;
		node.publish();
		long start = System.nanoTime();
		try {
			injectDependencies(node);
			node.attempts++;
			Object instance = node.generator.generate();
			checkGenerated(node, instance);
			registrar().register(node.beanName, instance, node.dependencyNames);
			execute(node);
			node.state = DynamicBeanState.ACTIVE;
			node.activeSince = this.clock.instant();
			node.consecutiveFailures = 0;
			node.lastFailure = null;
			node.nextRetry = null;
			node.waitingFor = null;
			node.retriedWith = null;
			DynamicBeanStatus status = node.publish();
			logActive(node, status);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			notifications.add(() -> {
				this.listeners.forEach((listener) -> listener.onAttempt(status, took));
				notify(status, DynamicBeanListener::onRegistered, new DynamicBeanRegisteredEvent(this, status));
			});
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			fail(node, ex);
			DynamicBeanStatus status = node.publish();
			logFailure(node, status, ex);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			notifications.add(() -> {
				this.listeners.forEach((listener) -> listener.onAttempt(status, took));
				notify(status, DynamicBeanListener::onFailed, new DynamicBeanFailedEvent(this, status));
			});
		}
	}

	private void injectDependencies(GeneratorNode node) {
		for (GeneratorNode.Injection injection : node.injections) {
			Object dependency = registrar().getBean(injection.dependency().beanName);
			ReflectionUtils.setField(injection.field(), node.injectionTarget, dependency);
		}
	}

	private static void checkGenerated(GeneratorNode node, @Nullable Object instance) {
		if (instance == null) {
			throw new DynamicBeanGenerationException(node.beanName, "Generator '" + node.generatorName
					+ "' returned null for dynamic bean '" + node.beanName
					+ "'; throw an exception to report a failure instead", null);
		}
		if (!node.beanType.isInstance(instance)) {
			throw new DynamicBeanGenerationException(node.beanName, "Generator '" + node.generatorName
					+ "' returned a " + instance.getClass().getName() + " for dynamic bean '" + node.beanName
					+ "', which is not a " + node.beanType.getName(), null);
		}
	}

	private void execute(GeneratorNode node) throws Exception {
		if (node.generator instanceof AbstractExecutableDynamicBeanGeneratorAdapter<?> executable) {
			try {
				executable.execute();
			}
			catch (Throwable ex) {
				registrar().remove(node.beanName);
				throw ex;
			}
		}
	}

	private static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
	}

	private void fail(GeneratorNode node, Throwable cause) {
		Instant now = this.clock.instant();
		node.state = DynamicBeanState.FAILED;
		node.consecutiveFailures++;
		node.lastFailure = cause;
		node.lastFailureTime = now;
		node.activeSince = null;
		node.waitingFor = null;
		node.retriedWith = null;
		node.nextRetry = node.delay.isZero() ? null : retryAfter(now, node.delay);
	}

	/** The delay after now, plus a random jitter of up to {@link #retryJitter} of the delay. */
	private Instant retryAfter(Instant now, Duration delay) {
		RandomGenerator random = (this.random != null) ? this.random : ThreadLocalRandom.current();
		long jitterMillis = (long) (delay.toMillis() * this.retryJitter * random.nextDouble());
		return now.plus(delay).plusMillis(jitterMillis);
	}

	/**
	 * Mark a node as waiting for a missing dependency. It gets a retry of its own only when no
	 * scheduled retry will bring the dependency back; otherwise it is generated when the dependency
	 * is. Constant time, however long the chain of waiting beans.
	 */
	private void waitFor(GeneratorNode node, GeneratorNode dependency) {
		Instant now = this.clock.instant();
		DynamicBeanStatus dependencyStatus = dependency.status();
		Throwable rootFailure = (dependencyStatus.lastFailure() instanceof DynamicBeanDependencyException waiting)
				? waiting.getCause() : dependencyStatus.lastFailure();
		node.state = DynamicBeanState.WAITING;
		node.waitingFor = dependency;
		node.retriedWith = (dependencyStatus.nextRetry() != null) ? dependency
				: (dependencyStatus.state() == DynamicBeanState.WAITING) ? dependency.retriedWith : null;
		node.lastFailure = new DynamicBeanDependencyException(node.beanName, dependency.beanName, rootFailure);
		node.lastFailureTime = now;
		node.activeSince = null;
		node.nextRetry = (node.retriedWith != null || node.delay.isZero()) ? null : retryAfter(now, node.delay);
	}

	private void logFailure(GeneratorNode node, DynamicBeanStatus status, Throwable ex) {
		String message = "Failed to generate dynamic bean " + node + " (attempt " + node.attempts + "): "
				+ status.lastFailureDescription() + retryDescription(node.nextRetry);
		if (this.startingUp) {
			logger.debug(message, ex);
		}
		else if (node.consecutiveFailures == 1) {
			logger.warn(message, ex);
		}
		else {
			logger.info(message);
			logger.debug("Failure of dynamic bean " + node, ex);
		}
	}

	private String retryDescription(@Nullable Instant nextRetry) {
		if (nextRetry == null) {
			return "; not retried automatically";
		}
		return "; retrying in " + StartupReport.secondsUntil(this.clock.instant(), nextRetry) + " s at " + nextRetry;
	}

	/** At start-up the summary covers activations; later, each one is news for operators. */
	private void logActive(GeneratorNode node, DynamicBeanStatus status) {
		if (this.startingUp ? logger.isDebugEnabled() : logger.isInfoEnabled()) {
			String message = "Dynamic bean " + node + " is active"
					+ ((status.attempts() > 1) ? " after " + status.attempts() + " attempts" : "");
			if (this.startingUp) {
				logger.debug(message);
			}
			else {
				logger.info(message);
			}
		}
	}

	private void notify(DynamicBeanStatus status, BiConsumer<DynamicBeanListener, DynamicBeanStatus> call, Object event) {
		for (DynamicBeanListener listener : this.listeners) {
			try {
				call.accept(listener, status);
			}
			catch (RuntimeException ex) {
				logger.warn("DynamicBeanListener " + listener + " failed on dynamic bean '" + status.beanName() + "'",
						ex);
			}
		}
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			publisher.publishEvent(event);
		}
	}

	private GeneratorNode nodeFor(Class<?> type) {
		List<GeneratorNode> exact = graph().ordered().stream().filter((node) -> node.beanType == type).toList();
		List<GeneratorNode> candidates = !exact.isEmpty() ? exact
				: graph().ordered().stream().filter((node) -> type.isAssignableFrom(node.beanType)).toList();
		if (candidates.size() != 1) {
			throw new NoSuchDynamicGeneratorException(candidates.isEmpty()
					? "No generator produces a dynamic bean of type " + type.getName()
							+ "; declare a DynamicGenerator bean for it"
					: "Several generators produce a dynamic bean of type " + type.getName() + ": "
							+ String.join(", ", candidates.stream().map(GeneratorNode::toString).toList())
							+ "; ask for a more specific type");
		}
		return candidates.get(0);
	}

	private GeneratorNode nodeNamed(String beanName) {
		Assert.notNull(beanName, "beanName must not be null");
		GeneratorNode node = graph().get(beanName);
		if (node == null) {
			throw new NoSuchDynamicGeneratorException("No generator produces a dynamic bean named '" + beanName
					+ "'; known dynamic beans: " + String.join(", ", graph().ordered().stream().map((each) -> each.beanName).toList()));
		}
		return node;
	}

	private GeneratorGraph graph() {
		GeneratorGraph graph = this.graph;
		Assert.state(graph != null, "Dynamic beans are not discovered yet: the factory becomes usable once the "
				+ "application context has created its singletons (use ObjectProvider or wait for "
				+ "ContextRefreshedEvent)");
		return graph;
	}

	private DefaultListableBeanFactory beanFactory() {
		Assert.state(this.beanFactory != null, "No BeanFactory set: register DefaultDynamicBeanFactory as a bean");
		return this.beanFactory;
	}

	private DynamicBeanRegistrar registrar() {
		Assert.state(this.registrar != null, "No BeanFactory set: register DefaultDynamicBeanFactory as a bean");
		return this.registrar;
	}

	/**
	 * One round of generation: each node is attempted at most once, in dependency order, and the
	 * waiting dependents of every bean that became active are generated at the end.
	 */
	private final class Pass {

		private final Set<GeneratorNode> attempted = Collections.newSetFromMap(new IdentityHashMap<>());

		private final List<GeneratorNode> activated = new ArrayList<>();

		/**
		 * The node and its missing transitive dependencies, in dependency order. Beans attempted
		 * earlier in this pass are not looked through again, which keeps a pass linear.
		 */
		List<GeneratorNode> planFor(GeneratorNode node) {
			Set<GeneratorNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
			List<GeneratorNode> todo = new ArrayList<>(List.of(node));
			while (!todo.isEmpty()) {
				GeneratorNode next = todo.remove(todo.size() - 1);
				if (seen.add(next) && (next == node || (!next.isActive() && !this.attempted.contains(next)))) {
					todo.addAll(next.dependencies);
				}
			}
			List<GeneratorNode> plan = new ArrayList<>(seen);
			plan.removeIf((each) -> each != node && each.isActive());
			plan.sort(Comparator.comparingInt((GeneratorNode each) -> each.index));
			return plan;
		}

		void process(List<GeneratorNode> plan) {
			for (GeneratorNode node : plan) {
				if (this.attempted.add(node)) {
					boolean wasActive = node.isActive();
					attempt(node);
					if (!wasActive && node.isActive()) {
						this.activated.add(node);
					}
				}
			}
		}

		/** Generate the beans that were waiting for the ones this pass activated. */
		void cascade() {
			while (!this.activated.isEmpty()) {
				Set<GeneratorNode> waiting = Collections.newSetFromMap(new IdentityHashMap<>());
				List<GeneratorNode> todo = new ArrayList<>(this.activated);
				this.activated.clear();
				while (!todo.isEmpty()) {
					for (GeneratorNode dependent : todo.remove(todo.size() - 1).dependents) {
						if (dependent.currentState() == DynamicBeanState.WAITING && waiting.add(dependent)) {
							todo.add(dependent);
						}
					}
				}
				List<GeneratorNode> plan = new ArrayList<>(waiting);
				plan.removeIf(this.attempted::contains);
				plan.sort(Comparator.comparingInt((GeneratorNode each) -> each.index));
				process(plan);
			}
		}

	}

}
