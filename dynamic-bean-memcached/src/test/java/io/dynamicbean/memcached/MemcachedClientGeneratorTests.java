/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.List;

import io.dynamicbean.memcached.support.InlineListenerExecutor;
import net.spy.memcached.ConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MemcachedClientGenerator}.
 */
class MemcachedClientGeneratorTests {

	private final MemcachedClientGenerator generator = new MemcachedClientGenerator();

	@Test
	void generatesTheMemcachedClientBeanEveryThirtySecondsByDefault() {
		assertThat(this.generator.getBeanName()).isEqualTo("memcachedClient");
		assertThat(this.generator.getBeanType()).isEqualTo(MemcachedCluster.class);
		assertThat(this.generator.getDelaySeconds()).isEqualTo(30);
		assertThat(this.generator.getServers()).containsExactly("localhost:11211");
		assertThat(this.generator.getOperationTimeout()).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void runsCompletionListenersOnTheThreadThatCompletesTheOperation() throws Exception {
		ConnectionFactory factory = this.generator.connectionFactoryBuilder().build();
		assertThat(factory.getListenerExecutorService()).isSameAs(InlineListenerExecutor.INSTANCE);
		assertThat(factory.isDefaultExecutorService()).as("shut down with the client").isFalse();
		Thread[] ranOn = new Thread[1];
		InlineListenerExecutor.INSTANCE.submit(() -> ranOn[0] = Thread.currentThread()).get();
		assertThat(ranOn[0]).isSameAs(Thread.currentThread());
		InlineListenerExecutor.INSTANCE.shutdown();
		assertThat(InlineListenerExecutor.INSTANCE.isShutdown()).as("shared by every client").isFalse();
	}

	@Test
	void takesTheDelayInWholeSeconds() {
		this.generator.setDelay(Duration.ofSeconds(1));
		assertThat(this.generator.getDelaySeconds()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.setDelay(Duration.ofMillis(1500)))
			.withMessageContaining("dynamic-bean.memcached.retry-delay must be a whole number of seconds");
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.setDelay(Duration.ofSeconds(-1)));
	}

	@Test
	void refusesServersThatAreNotHostAndPort() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.setServers(List.of("localhost")))
			.withMessage("Memcached server 'localhost' is not of the form host:port; fix dynamic-bean.memcached.servers");
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.setServers(List.of("localhost:http")))
			.withMessageContaining("has no valid port");
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.setServers(List.of()));
	}

	@Test
	void refusesAServerListedTwice() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.generator.setServers(List.of("127.0.0.1:11211", "127.0.0.1:11212", " 127.0.0.1:11211")))
			.withMessage("Memcached server '127.0.0.1:11211' is listed twice; fix dynamic-bean.memcached.servers");
	}

	@Test
	void acceptsIpv6Servers() {
		this.generator.setServers(List.of("[::1]:11211", " 127.0.0.1:11212 "));
		assertThat(this.generator.getServers()).containsExactly("[::1]:11211", "127.0.0.1:11212");
	}

	@Test
	void refusesAnOperationTimeoutUnderOneMillisecond() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.generator.setOperationTimeout(Duration.ZERO))
			.withMessageContaining("dynamic-bean.memcached.operation-timeout");
	}

}
