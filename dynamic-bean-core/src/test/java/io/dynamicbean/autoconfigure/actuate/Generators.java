/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.autoconfigure.actuate;

import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;

import io.dynamicbean.DynamicAutowired;
import io.dynamicbean.DynamicGeneratorAdapter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Generators shared by the actuator tests: a {@code client} whose backend is down for its first
 * call, and a {@code service} that needs the client.
 */
final class Generators {

	/** The retry delay of the client: long enough that no automatic retry runs during a test. */
	static final int CLIENT_DELAY_SECONDS = 60;

	private Generators() {
	}

	static class Client {

	}

	static class Service {

		final Client client;

		Service(Client client) {
			this.client = client;
		}

	}

	/**
	 * Fails its first call with a cause, as a client whose server is down would; succeeds afterwards.
	 */
	static class FlakyClientGenerator extends DynamicGeneratorAdapter<Client> {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public Client generate() {
			if (this.calls.incrementAndGet() == 1) {
				throw new IllegalStateException("backend down", new ConnectException("Connection refused"));
			}
			return new Client();
		}

		@Override
		public int getDelaySeconds() {
			return CLIENT_DELAY_SECONDS;
		}

	}

	static class ServiceGenerator extends DynamicGeneratorAdapter<Service> {

		@DynamicAutowired
		private Client client;

		@Override
		public Service generate() {
			return new Service(this.client);
		}

	}

	/**
	 * A {@code client} that failed at start-up and a {@code service} waiting for it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FlakyGeneratorsConfiguration {

		@Bean
		FlakyClientGenerator clientGenerator() {
			return new FlakyClientGenerator();
		}

		@Bean
		ServiceGenerator serviceGenerator() {
			return new ServiceGenerator();
		}

	}

}
