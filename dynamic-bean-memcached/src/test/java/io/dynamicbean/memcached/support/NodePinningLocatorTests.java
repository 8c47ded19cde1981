/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link NodePinningLocator}.
 */
class NodePinningLocatorTests {

	private final List<MemcachedNode> nodes = nodes(3);

	private final NodePinningLocator locator = new NodePinningLocator(this.nodes);

	@Test
	void sendsAnOperationToTheNodeItNames() {
		for (int node = 0; node < 3; node++) {
			int named = node;
			assertThat(this.locator.sendTo(node, () -> this.locator.getPrimary("some-key")))
				.isSameAs(this.nodes.get(named));
		}
	}

	@Test
	void placesAnOperationSentOtherwiseAsKetamaDoes() {
		KetamaNodeLocator ketama = new KetamaNodeLocator(this.nodes, DefaultHashAlgorithm.KETAMA_HASH);
		for (int i = 0; i < 50; i++) {
			assertThat(this.locator.getPrimary("key-" + i)).isSameAs(ketama.getPrimary("key-" + i));
		}
	}

	@Test
	void forgetsTheNodeOnceTheOperationIsSentEvenWhenSendingFails() {
		assertThat(this.locator.sendTo(2, () -> {
			this.locator.sendTo(1, () -> "sent");
			return this.locator.getPrimary("k");
		})).as("node named by the outer send, after an inner one").isSameAs(this.nodes.get(2));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.locator.sendTo(1, () -> {
			throw new IllegalStateException("queue full");
		}));
		KetamaNodeLocator ketama = new KetamaNodeLocator(this.nodes, DefaultHashAlgorithm.KETAMA_HASH);
		assertThat(this.locator.getPrimary("k")).isSameAs(ketama.getPrimary("k"));
	}

	@Test
	void numbersNodesByTheirAddressInTheClientsOrder() {
		assertThat(this.locator.indexOf(new InetSocketAddress("127.0.0.1", 11212))).isEqualTo(1);
		assertThat(this.locator.indexOf(new InetSocketAddress("127.0.0.1", 11999))).isEqualTo(-1);
		assertThat(this.locator.getAll()).containsExactlyElementsOf(this.nodes);
		assertThat(this.locator.size()).isEqualTo(3);
	}

	@Test
	void refusesToChangeItsNodes() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.locator.updateLocator(this.nodes));
	}

	private static List<MemcachedNode> nodes(int count) {
		List<MemcachedNode> nodes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			MemcachedNode node = mock(MemcachedNode.class);
			given(node.getSocketAddress()).willReturn(new InetSocketAddress("127.0.0.1", 11211 + i));
			nodes.add(node);
		}
		return nodes;
	}

}
