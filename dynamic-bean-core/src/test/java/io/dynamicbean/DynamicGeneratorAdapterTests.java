/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Defaults that {@link DynamicGeneratorAdapter} derives for its subclasses.
 */
class DynamicGeneratorAdapterTests {

	@Test
	void beanTypeComesFromTheGenericParameter() {
		assertThat(new ReportClientGenerator().getBeanType()).isEqualTo(ReportClient.class);
	}

	@Test
	void beanTypeIsResolvedThroughADeepGenericHierarchy() {
		assertThat(new ConcreteGenerator().getBeanType()).isEqualTo(ReportClient.class);
		assertThat(new DeeperGenerator().getBeanType()).isEqualTo(ReportClient.class);
	}

	@Test
	void beanNameDefaultsToTheUncapitalizedSimpleNameOfTheBeanType() {
		assertThat(new ReportClientGenerator().getBeanName()).isEqualTo("reportClient");
	}

	@Test
	void beanNameCanBeChanged() {
		ReportClientGenerator generator = new ReportClientGenerator();
		generator.setBeanName("archiveClient");
		assertThat(generator.getBeanName()).isEqualTo("archiveClient");
	}

	@Test
	void emptyBeanNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReportClientGenerator().setBeanName(" "))
			.withMessage("beanName must not be empty");
	}

	@Test
	void isNeitherDirectOnlyNorRetriedByDefault() {
		ReportClientGenerator generator = new ReportClientGenerator();
		assertThat(generator.isOnlyDirectGenerate()).isFalse();
		assertThat(generator.getDelaySeconds()).isZero();
	}

	@Test
	void typeCanBeGivenExplicitly() {
		DynamicGeneratorAdapter<List<String>> generator = new ExplicitGenerator();
		assertThat(generator.getBeanType()).isEqualTo(List.class);
		assertThat(generator.getBeanName()).isEqualTo("list");
	}

	@Test
	void unresolvableTypeIsRefusedWithAdvice() {
		assertThatExceptionOfType(DynamicBeanDefinitionException.class).isThrownBy(StillGeneric::new)
			.withMessageContaining("Cannot resolve the bean type of generator class '" + StillGeneric.class.getName())
			.withMessageContaining("DynamicGeneratorAdapter(Class) constructor");
	}

	static class ReportClient {

	}

	static class ReportClientGenerator extends DynamicGeneratorAdapter<ReportClient> {

		@Override
		public ReportClient generate() {
			return new ReportClient();
		}

	}

	abstract static class Base<C> extends AbstractExecutableDynamicBeanGeneratorAdapter<C> {

		@Override
		public void execute() {
		}

	}

	abstract static class Middle<X, C> extends Base<C> {

	}

	static class ConcreteGenerator extends Middle<String, ReportClient> {

		@Override
		public ReportClient generate() {
			return new ReportClient();
		}

	}

	static class DeeperGenerator extends ConcreteGenerator {

	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static class ExplicitGenerator extends DynamicGeneratorAdapter<List<String>> {

		ExplicitGenerator() {
			super((Class) List.class);
		}

		@Override
		public List<String> generate() {
			return List.of();
		}

	}

	static class StillGeneric<T> extends DynamicGeneratorAdapter<T> {

		@Override
		public T generate() {
			return null;
		}

	}

}
