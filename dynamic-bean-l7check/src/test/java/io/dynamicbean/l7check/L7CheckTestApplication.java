/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest Spring Boot application with the L7 check: its auto-configuration and nothing else.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class L7CheckTestApplication {

}
