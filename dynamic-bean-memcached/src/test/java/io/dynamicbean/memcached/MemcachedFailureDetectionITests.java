/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.session.LocalSessionRepository;
import io.dynamicbean.session.RemoteStoreFailureMonitor;
import io.dynamicbean.session.SwitchableSessionRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.session.Session;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Integration tests of the failure detection of the memcached session store on three real
 * memcached nodes: the {@link MemcachedSessionRepositoryGenerator} behind a
 * {@link SwitchableSessionRepository}, watched by the {@link RemoteStoreFailureMonitor} of every
 * remote store, which invalidates the store's bean through a (mock) {@link DynamicBeanFactory}.
 */
class MemcachedFailureDetectionITests {

	private static final String BEAN_NAME = "memcachedSessionRepository";

	private static final int SESSIONS = 30;

	@RegisterExtension
	static final MemcachedServer node0 = new MemcachedServer();

	@RegisterExtension
	static final MemcachedServer node1 = new MemcachedServer();

	@RegisterExtension
	static final MemcachedServer node2 = new MemcachedServer();

	private final List<MemcachedServer> nodes = List.of(node0, node1, node2);

	private final DynamicBeanFactory dynamicBeanFactory = mock(DynamicBeanFactory.class);

	private final SwitchableSessionRepository sessions = new SwitchableSessionRepository(new LocalSessionRepository());

	private final RemoteStoreFailureMonitor monitor;

	private MemcachedCluster cluster;

	private MemcachedSessionRepositoryGenerator generator;

	MemcachedFailureDetectionITests() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("dynamicBeanFactory", this.dynamicBeanFactory);
		this.monitor = new RemoteStoreFailureMonitor(beans.getBeanProvider(DynamicBeanFactory.class));
		this.monitor.setExecutor(Runnable::run);
		given(this.dynamicBeanFactory.invalidate(eq(BEAN_NAME), any())).willReturn(true);
	}

	@BeforeEach
	void switchToMemcached() throws Exception {
		this.nodes.forEach(MemcachedServer::start);
		MemcachedClientGenerator clientGenerator = new MemcachedClientGenerator();
		clientGenerator.setServers(this.nodes.stream().map(MemcachedServer::getAddress).toList());
		this.cluster = clientGenerator.generate();
		this.generator = new MemcachedSessionRepositoryGenerator(this.sessions);
		ReflectionTestUtils.setField(this.generator, "memcachedClient", this.cluster);
	}

	private void generateAndSwitch() throws Exception {
		this.monitor.watch(this.generator);
		this.sessions.setRemoteStoreListener(this.monitor);
		this.generator.generate();
		this.generator.execute();
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("memcached");
	}

	private List<String> createSessions() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			Session session = this.sessions.createSession();
			session.setAttribute("count", 1);
			this.sessions.save(session);
			ids.add(session.getId());
		}
		return ids;
	}

	@AfterEach
	void shutdownCluster() {
		this.cluster.shutdown();
	}

	@Test
	void aNodeThatDiesWhileTheOthersAnswerIsNoFailureOfTheStore() throws Exception {
		generateAndSwitch();
		List<String> ids = createSessions();
		node1.kill();
		for (int count = 2; count <= 4; count++) {
			for (String id : ids) {
				Session session = this.sessions.findById(id);
				assertThat(session).as("session %s", id).isNotNull();
				assertThat(this.sessions.storeOf(session)).as("store of session %s", id).isEqualTo("memcached");
				assertThat(session.<Integer>getAttribute("count")).isEqualTo(count - 1);
				session.setAttribute("count", count);
				this.sessions.save(session);
			}
		}
		assertThat(this.monitor.getConsecutiveFailures("memcached")).as("failures counted").isZero();
		then(this.dynamicBeanFactory).should(never()).invalidate(any(), any());
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("memcached");
	}

	/**
	 * With two nodes of three dead, sessions whose primary and backup were both on them cannot be
	 * read (they are served from the front's copies): no failure of the store while a node answers.
	 */
	@Test
	void sessionsWhoseNodesAreBothDownAreNoFailureOfTheStoreWhileANodeAnswers() throws Exception {
		generateAndSwitch();
		List<String> ids = createSessions();
		node0.kill();
		node1.kill();
		for (int round = 0; round < 3; round++) {
			for (String id : ids) {
				assertThat(this.sessions.findById(id)).as("session %s", id).isNotNull();
			}
		}
		assertThat(this.monitor.getConsecutiveFailures("memcached")).as("failures counted").isZero();
		then(this.dynamicBeanFactory).should(never()).invalidate(any(), any());
		assertThat(this.sessions.getActiveStoreName()).isEqualTo("memcached");
	}

	/**
	 * Requests stop once no node answers; the failed probes of the nodes, reported by the
	 * generator, make up the rest of a threshold no request could reach.
	 */
	@Test
	void takesTheStoreOutWhenEveryNodeDiesEvenWithoutFurtherRequests() throws Exception {
		this.generator.setFailureThreshold(30);
		generateAndSwitch();
		Session session = this.sessions.createSession();
		this.sessions.save(session);
		this.nodes.forEach(MemcachedServer::kill);
		await("no node answering").atMost(Duration.ofSeconds(5)).until(() -> {
			assertThat(this.sessions.findById(session.getId())).as("session, served locally").isNotNull();
			return !this.cluster.isAnswering();
		});
		assertThat(this.monitor.getConsecutiveFailures("memcached")).as("failures counted by requests")
			.isLessThan(30);
		await("store taken out").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> then(this.dynamicBeanFactory).should().invalidate(eq(BEAN_NAME), any()));
		assertThatExceptionOfType(MemcachedUnavailableException.class).isThrownBy(this.generator::generate)
			.withMessageStartingWith("No memcached node answers")
			.withMessageContaining("dynamic-bean.memcached.retry-delay");
		node2.start();
		await("store generated again once a node answers").atMost(Duration.ofSeconds(10)).until(() -> {
			try {
				return this.generator.generate() != null;
			}
			catch (MemcachedUnavailableException ex) {
				return false;
			}
		});
	}

}
