/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.redis;

import java.time.Duration;

import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.util.Assert;

/**
 * Generates Spring Session's {@link RedisSessionRepository} and switches the application's
 * sessions over to it: the worked example of a generator of your own.
 *
 * <p>Its base class, {@link SessionStoreGeneratorAdapter}, does what every session store
 * generator does: it gives the repository the front's session id generator and the session
 * timeout, switches the front to it in {@code execute()} once the bean is registered, and has
 * the front switched back to local sessions when the bean is destroyed. What is left here is
 * what makes a good generator of any dependency:
 * <ol>
 * <li><b>{@link #createRepository()} proves the backend is there</b> before handing anything out.
 * A Redis client connects lazily, so without the PING here a "successful" bean would fail on the
 * first request instead. The PING is bounded by the connect and command timeouts, so a
 * black-holed Redis costs start-up at most about one second, never a hang.</li>
 * <li><b>It releases what it half-built when it fails</b>: the connection factory (and the
 * Netty threads behind it) is destroyed before the exception leaves {@code createRepository()},
 * so a retry every 30 seconds for a week leaks nothing.</li>
 * <li><b>It throws, with a message naming what to check</b>. The framework logs the failure once
 * at WARN, keeps the application running on its local sessions, and tries again after
 * {@link #getDelaySeconds()}.</li>
 * <li><b>It leaves the running application alone</b>: the switch to Redis happens in
 * {@code execute()}, after the bean is registered.</li>
 * <li><b>The bean owns its connection and closes it</b> when it is removed (invalidated at run
 * time, or the application stops), after the front has been switched back to local sessions.</li>
 * </ol>
 *
 * <p>Active with the {@code redis} profile; configured by {@link RedisSessionProperties}
 * ({@code example.session.redis.*}), retried every {@code retry-delay} (30 s by default).
 */
public class RedisSessionRepositoryGenerator extends SessionStoreGeneratorAdapter<RedisSessionRepository> {

	/**
	 * The name under which {@link SwitchableSessionRepository#storeOf} reports sessions kept here.
	 */
	public static final String STORE_NAME = "redis";

	private static final Log logger = LogFactory.getLog(RedisSessionRepositoryGenerator.class);

	private final RedisSessionProperties properties;

	/**
	 * Create the generator. Like any Spring bean it gets ordinary dependencies injected; only
	 * other dynamic beans would need {@link io.dynamicbean.DynamicAutowired @DynamicAutowired}.
	 * @param properties where Redis is and how long to wait for it, not {@code null}
	 * @param sessions the application's switchable session store, not {@code null}
	 */
	public RedisSessionRepositoryGenerator(RedisSessionProperties properties, SwitchableSessionRepository sessions) {
		super(STORE_NAME, sessions);
		Assert.notNull(properties, "properties must not be null");
		this.properties = properties;
		setRetryDelay(properties.getRetryDelay());
	}

	/**
	 * Connect to Redis, check that it answers, and build the session repository on that connection.
	 * @return the repository, ready to use
	 * @throws IllegalStateException when Redis does not answer; nothing is left open
	 */
	@Override
	protected RedisSessionRepository createRepository() {
		LettuceConnectionFactory connectionFactory = connectionFactory();
		try {
			connectionFactory.afterPropertiesSet();
			connectionFactory.start();
			ping(connectionFactory);
		}
		catch (RuntimeException ex) {
			connectionFactory.destroy();
			throw new IllegalStateException("Redis at " + address() + " did not answer PING (connect timeout "
					+ this.properties.getConnectTimeout().toMillis() + " ms, command timeout "
					+ this.properties.getCommandTimeout().toMillis() + " ms); check that it runs and the "
					+ "example.session.redis.* properties", ex);
		}
		RedisSessionRepository repository = new ConnectedRedisSessionRepository(template(connectionFactory),
				connectionFactory, address());
		repository.setRedisKeyNamespace(this.properties.getKeyNamespace());
		logger.info("Connected to Redis at " + address());
		return repository;
	}

	private LettuceConnectionFactory connectionFactory() {
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(this.properties.getHost(),
				this.properties.getPort());
		server.setDatabase(this.properties.getDatabase());
		server.setUsername(this.properties.getUsername());
		server.setPassword(RedisPassword.of(this.properties.getPassword()));
		ClientOptions clientOptions = ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(this.properties.getConnectTimeout()).build())
			.timeoutOptions(TimeoutOptions.enabled(this.properties.getCommandTimeout()))
			// When the connection drops, fail at once instead of queueing commands until they time out,
			// and do not reconnect behind the framework's back: the failure monitor takes this bean out
			// and the generator builds a fresh one when Redis answers again.
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(false)
			.build();
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientOptions(clientOptions)
			.commandTimeout(this.properties.getCommandTimeout())
			.shutdownQuietPeriod(Duration.ZERO)
			.shutdownTimeout(Duration.ofSeconds(1))
			.build();
		return new LettuceConnectionFactory(server, client);
	}

	private static void ping(LettuceConnectionFactory connectionFactory) {
		try (RedisConnection connection = connectionFactory.getConnection()) {
			String answer = connection.ping();
			Assert.state("PONG".equals(answer), () -> "Unexpected answer to PING: " + answer);
		}
	}

	private RedisTemplate<String, Object> template(LettuceConnectionFactory connectionFactory) {
		SessionValueSerializer valueSerializer = getValueSerializer();
		RedisSerializer<Object> values = new JdkSerializationRedisSerializer(valueSerializer.serializingConverter(),
				valueSerializer.deserializingConverter());
		RedisTemplate<String, Object> template = new RedisTemplate<>();
		template.setConnectionFactory(connectionFactory);
		template.setKeySerializer(RedisSerializer.string());
		template.setHashKeySerializer(RedisSerializer.string());
		template.setValueSerializer(values);
		template.setHashValueSerializer(values);
		template.afterPropertiesSet();
		return template;
	}

	private String address() {
		return this.properties.getHost() + ":" + this.properties.getPort();
	}

	/**
	 * The generated bean: Spring Session's repository, which also owns the connection it runs on.
	 * When the bean is removed (Redis failed at run time and the bean was invalidated, or the
	 * application stops), the framework calls {@link #destroy()} as for any {@code @Bean}; the
	 * front has already been switched back to local sessions by then, so no request uses the
	 * closed connection.
	 */
	static final class ConnectedRedisSessionRepository extends RedisSessionRepository implements DisposableBean {

		private final LettuceConnectionFactory connectionFactory;

		private final String address;

		ConnectedRedisSessionRepository(RedisTemplate<String, Object> template,
				LettuceConnectionFactory connectionFactory, String address) {
			super(template);
			this.connectionFactory = connectionFactory;
			this.address = address;
		}

		@Override
		public void destroy() {
			this.connectionFactory.destroy();
			logger.info("Disconnected from Redis at " + this.address);
		}

	}

}
