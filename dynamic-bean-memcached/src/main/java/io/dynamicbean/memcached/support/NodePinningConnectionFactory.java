/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;

import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.FailureMode;
import net.spy.memcached.HashAlgorithm;
import net.spy.memcached.MemcachedConnection;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import net.spy.memcached.OperationFactory;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.metrics.MetricCollector;
import net.spy.memcached.metrics.MetricType;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.transcoders.Transcoder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A spymemcached {@link ConnectionFactory} whose connections place operations with a
 * {@link NodePinningLocator}, and whose one I/O thread outlives an answer it cannot read; every
 * other setting is the given factory's.
 */
public final class NodePinningConnectionFactory implements ConnectionFactory {

	private final ConnectionFactory settings;

	/**
	 * Create a factory.
	 * @param settings the factory whose settings the connections take (as
	 * {@code ConnectionFactoryBuilder.build()} makes)
	 */
	public NodePinningConnectionFactory(ConnectionFactory settings) {
		this.settings = settings;
	}

	@Override
	public MemcachedConnection createConnection(List<InetSocketAddress> addresses) throws IOException {
		return new SharedConnection(this, addresses);
	}

	@Override
	public NodeLocator createLocator(List<MemcachedNode> nodes) {
		return new NodePinningLocator(nodes);
	}

	@Override
	public MemcachedNode createMemcachedNode(SocketAddress address, SocketChannel channel, int bufferSize) {
		return this.settings.createMemcachedNode(address, channel, bufferSize);
	}

	@Override
	public BlockingQueue<Operation> createOperationQueue() {
		return this.settings.createOperationQueue();
	}

	@Override
	public BlockingQueue<Operation> createReadOperationQueue() {
		return this.settings.createReadOperationQueue();
	}

	@Override
	public BlockingQueue<Operation> createWriteOperationQueue() {
		return this.settings.createWriteOperationQueue();
	}

	@Override
	public long getOpQueueMaxBlockTime() {
		return this.settings.getOpQueueMaxBlockTime();
	}

	@Override
	public ExecutorService getListenerExecutorService() {
		return this.settings.getListenerExecutorService();
	}

	@Override
	public boolean isDefaultExecutorService() {
		return this.settings.isDefaultExecutorService();
	}

	@Override
	public OperationFactory getOperationFactory() {
		return this.settings.getOperationFactory();
	}

	@Override
	public long getOperationTimeout() {
		return this.settings.getOperationTimeout();
	}

	@Override
	public boolean isDaemon() {
		return this.settings.isDaemon();
	}

	@Override
	public boolean useNagleAlgorithm() {
		return this.settings.useNagleAlgorithm();
	}

	@Override
	public Collection<ConnectionObserver> getInitialObservers() {
		return this.settings.getInitialObservers();
	}

	@Override
	public FailureMode getFailureMode() {
		return this.settings.getFailureMode();
	}

	@Override
	public Transcoder<Object> getDefaultTranscoder() {
		return this.settings.getDefaultTranscoder();
	}

	@Override
	public boolean shouldOptimize() {
		return this.settings.shouldOptimize();
	}

	@Override
	public int getReadBufSize() {
		return this.settings.getReadBufSize();
	}

	@Override
	public HashAlgorithm getHashAlg() {
		return this.settings.getHashAlg();
	}

	@Override
	public long getMaxReconnectDelay() {
		return this.settings.getMaxReconnectDelay();
	}

	@Override
	public AuthDescriptor getAuthDescriptor() {
		return this.settings.getAuthDescriptor();
	}

	@Override
	public int getTimeoutExceptionThreshold() {
		return this.settings.getTimeoutExceptionThreshold();
	}

	@Override
	public MetricType enableMetrics() {
		return this.settings.enableMetrics();
	}

	@Override
	public MetricCollector getMetricCollector() {
		return this.settings.getMetricCollector();
	}

	@Override
	public long getAuthWaitTime() {
		return this.settings.getAuthWaitTime();
	}

	/**
	 * The connection to every node, whose one I/O thread outlives an answer it cannot read. A
	 * server that is not memcached (a misconfigured port) answers bytes that spymemcached reads as
	 * a header: with assertions on ({@code -ea}) it fails an {@link AssertionError} on the magic
	 * byte; without, it allocates the body length the header claims, which may exceed what the
	 * heap can hold ({@link OutOfMemoryError}). Spymemcached lets an error end its I/O thread,
	 * which here would end every node's; instead, the connection of the node whose answer was
	 * being read (the one whose read buffer is left part-read) is dropped and reopened, which fails
	 * its operations at once, as spymemcached does for an answer it rejects with an exception.
	 */
	private static final class SharedConnection extends MemcachedConnection {

		private static final Log logger = LogFactory.getLog(NodePinningConnectionFactory.class);

		SharedConnection(NodePinningConnectionFactory factory, List<InetSocketAddress> addresses) throws IOException {
			super(factory.getReadBufSize(), factory, addresses, factory.getInitialObservers(), factory.getFailureMode(),
					factory.getOperationFactory());
		}

		@Override
		public void handleIO() throws IOException {
			try {
				super.handleIO();
			}
			catch (AssertionError | OutOfMemoryError ex) {
				this.selector.selectedKeys().clear();
				for (MemcachedNode node : getLocator().getAll()) {
					if (isPartRead(node.getRbuf())) {
						logger.warn("Memcached answer from " + node.getSocketAddress()
								+ " not understood, its connection is dropped and reopened: " + ex);
						queueReconnect(node);
						return;
					}
				}
				logger.warn("Memcached I/O failed, its operations will time out: " + ex);
			}
		}

		/**
		 * Whether a read buffer holds bytes not read yet: spymemcached clears it once it has read
		 * every answer in it.
		 */
		private static boolean isPartRead(ByteBuffer buffer) {
			return buffer.position() != 0 || buffer.limit() != buffer.capacity();
		}

	}

}
