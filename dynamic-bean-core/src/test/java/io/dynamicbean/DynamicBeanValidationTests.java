/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import io.dynamicbean.TestGenerators.Alpha;
import io.dynamicbean.TestGenerators.AlphaGenerator;
import io.dynamicbean.TestGenerators.BetaGenerator;
import io.dynamicbean.TestGenerators.Thing;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Programming errors in generators fail the start of the application context with a message that
 * names what is wrong; they are not outages and are never retried.
 */
class DynamicBeanValidationTests {

	@Test
	void cycleFailsStartupShowingThePath() {
		assertThatExceptionOfType(DynamicDependencyCycleException.class)
			.isThrownBy(() -> start(CycleConfiguration.class))
			.withMessage("Dynamic bean dependency cycle: cycleA -> cycleB -> cycleA; "
					+ "remove one of these @DynamicAutowired fields")
			.satisfies((ex) -> assertThat(ex.getCycle()).containsExactly("cycleA", "cycleB", "cycleA"));
	}

	@Test
	void selfDependencyIsACycle() {
		assertThatExceptionOfType(DynamicDependencyCycleException.class)
			.isThrownBy(() -> start(SelfConfiguration.class))
			.withMessageContaining("selfish -> selfish");
	}

	@Test
	void missingGeneratorFailsStartupNamingFieldAndGenerator() {
		assertThatExceptionOfType(UnsatisfiedDynamicDependencyException.class)
			.isThrownBy(() -> start(MissingConfiguration.class))
			.withMessage("Field 'BetaGenerator.alpha' of generator 'betaGenerator' is @DynamicAutowired but no "
					+ "generator produces a bean of type " + Alpha.class.getName()
					+ "; declare a DynamicGenerator bean for it or remove the annotation");
	}

	@Test
	void ambiguousFieldFailsStartupNamingTheCandidates() {
		assertThatExceptionOfType(AmbiguousDynamicDependencyException.class)
			.isThrownBy(() -> start(AmbiguousConfiguration.class))
			.withMessageContaining("Field 'ThingUserGenerator.thing' of generator 'thingUserGenerator'")
			.withMessageContaining("matches 2 dynamic beans: 'alpha' (generator 'alphaGenerator'), "
					+ "'otherAlpha' (generator 'otherAlphaGenerator')")
			.withMessageContaining("@DynamicAutowired(\"alpha\")");
	}

	@Test
	void namedFieldChoosesAmongCandidates() {
		try (AnnotationConfigApplicationContext context = start(NamedConfiguration.class)) {
			assertThat(context.getBean("namedThingUser", Thing.class).parts).containsExactly(
					context.getBean("otherAlpha", Thing.class));
		}
	}

	@Test
	void fieldMayBeASupertypeOfTheGeneratedType() {
		try (AnnotationConfigApplicationContext context = start(SupertypeConfiguration.class)) {
			assertThat(context.getBean("thingUser", Thing.class).parts).containsExactly(context.getBean(Alpha.class));
		}
	}

	@Test
	void duplicateBeanNamesFailStartup() {
		assertThatExceptionOfType(DynamicBeanNameConflictException.class)
			.isThrownBy(() -> start(DuplicateConfiguration.class))
			.withMessage("Generators 'alphaGenerator' and 'secondAlphaGenerator' both produce a dynamic bean named "
					+ "'alpha'; give one of them another name (setBeanName or override getBeanName())");
	}

	@Test
	void nameTakenByOrdinaryBeanFailsStartup() {
		assertThatExceptionOfType(DynamicBeanNameConflictException.class)
			.isThrownBy(() -> start(TakenNameConfiguration.class))
			.withMessageStartingWith("Dynamic bean name 'alpha' of generator 'alphaGenerator' is already taken by a "
					+ "bean of the application context");
	}

	@Test
	void negativeDelayFailsStartup() {
		assertThatExceptionOfType(DynamicBeanDefinitionException.class)
			.isThrownBy(() -> start(NegativeDelayConfiguration.class))
			.withMessage("Generator 'alphaGenerator' declares a negative delay (-5 s) for dynamic bean 'alpha'; "
					+ "return 0 (never retry) or a positive number of seconds from getDelaySeconds()");
	}

	@Test
	void rawGeneratorTypeFailsWithAdvice() {
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> start(RawConfiguration.class))
			.havingRootCause()
			.isInstanceOf(DynamicBeanDefinitionException.class)
			.withMessageContaining("Cannot resolve the bean type of generator class")
			.withMessageContaining("DynamicGeneratorAdapter(Class) constructor");
	}

	private static AnnotationConfigApplicationContext start(Class<?> configuration) {
		return new AnnotationConfigApplicationContext(configuration);
	}

	static class CycleAGenerator extends DynamicGeneratorAdapter<CycleA> {

		@DynamicAutowired
		CycleB b;

		@Override
		public CycleA generate() {
			return new CycleA();
		}

	}

	static class CycleBGenerator extends DynamicGeneratorAdapter<CycleB> {

		@DynamicAutowired
		CycleA a;

		@Override
		public CycleB generate() {
			return new CycleB();
		}

	}

	static class CycleA {

	}

	static class CycleB {

	}

	static class Selfish {

	}

	static class SelfishGenerator extends DynamicGeneratorAdapter<Selfish> {

		@DynamicAutowired("selfish")
		Selfish self;

		@Override
		public Selfish generate() {
			return new Selfish();
		}

	}

	static class ThingUserGenerator extends DynamicGeneratorAdapter<Thing> {

		@DynamicAutowired
		Thing thing;

		ThingUserGenerator() {
			setBeanName("thingUser");
		}

		@Override
		public Thing generate() {
			return new Thing("user", this.thing);
		}

	}

	static class NamedThingUserGenerator extends DynamicGeneratorAdapter<Thing> {

		@DynamicAutowired("otherAlpha")
		Alpha thing;

		NamedThingUserGenerator() {
			setBeanName("namedThingUser");
		}

		@Override
		public Thing generate() {
			return new Thing("user", this.thing);
		}

	}

	static AlphaGenerator alphaNamed(String name) {
		AlphaGenerator generator = new AlphaGenerator();
		generator.setBeanName(name);
		return generator;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class CycleConfiguration {

		@Bean
		CycleAGenerator cycleAGenerator() {
			return new CycleAGenerator();
		}

		@Bean
		CycleBGenerator cycleBGenerator() {
			return new CycleBGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class SelfConfiguration {

		@Bean
		SelfishGenerator selfishGenerator() {
			return new SelfishGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class MissingConfiguration {

		@Bean
		BetaGenerator betaGenerator() {
			return new BetaGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class AmbiguousConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return new AlphaGenerator();
		}

		@Bean
		AlphaGenerator otherAlphaGenerator() {
			return alphaNamed("otherAlpha");
		}

		@Bean
		ThingUserGenerator thingUserGenerator() {
			return new ThingUserGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class NamedConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return new AlphaGenerator();
		}

		@Bean
		AlphaGenerator otherAlphaGenerator() {
			return alphaNamed("otherAlpha");
		}

		@Bean
		NamedThingUserGenerator namedThingUserGenerator() {
			return new NamedThingUserGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class SupertypeConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return new AlphaGenerator();
		}

		@Bean
		ThingUserGenerator thingUserGenerator() {
			return new ThingUserGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class DuplicateConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return new AlphaGenerator();
		}

		@Bean
		AlphaGenerator secondAlphaGenerator() {
			return new AlphaGenerator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class TakenNameConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return new AlphaGenerator();
		}

		@Bean
		String alpha() {
			return "an ordinary bean";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class NegativeDelayConfiguration {

		@Bean
		AlphaGenerator alphaGenerator() {
			return (AlphaGenerator) new AlphaGenerator().delay(-5);
		}

	}

	@SuppressWarnings("rawtypes")
	static class RawGenerator extends DynamicGeneratorAdapter {

		@Override
		public Object generate() {
			return new Object();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableDynamicBeans
	static class RawConfiguration {

		@Bean
		RawGenerator rawGenerator() {
			return new RawGenerator();
		}

	}

}
