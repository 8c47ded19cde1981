/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a {@link DynamicGenerator} that receives another dynamic bean. The field's
 * type may be the generated type or any supertype or interface of it.
 *
 * <p>Before the generator's {@link DynamicGenerator#generate()} runs, the bean that the field
 * needs is generated (recursively, with its own dynamic dependencies) and injected. Exactly one
 * generator must produce a matching bean, or start-up fails; when several do, name the one
 * wanted with {@link #value()}.
 *
 * <pre class="code">
 * &#064;DynamicAutowired
 * private MemcachedClient memcachedClient;
 * </pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DynamicAutowired {

	/**
	 * The name of the dynamic bean to inject, when several generators produce a bean of the
	 * field's type. Empty (the default) matches by type alone.
	 * @return the bean name, or empty
	 */
	String value() default "";

}
