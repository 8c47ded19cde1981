/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example web application. Run it with {@code ./mvnw -pl example-webapp -am spring-boot:run},
 * log in as {@code demo}/{@code demo} at {@code http://localhost:8080/}, and see
 * {@code docs/example-webapp.md}.
 */
@SpringBootApplication
public class ExampleWebApplication {

	/**
	 * Start the application.
	 * @param args command-line arguments, such as {@code --server.port=8081}
	 */
	public static void main(String[] args) {
		SpringApplication.run(ExampleWebApplication.class, args);
	}

}
