/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.redis;

import java.util.function.Supplier;

import io.dynamicbean.session.SessionStoreGeneratorAdapter;
import io.dynamicbean.session.SessionStoreSettings;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.util.Assert;

/**
 * Generates Spring Session's {@link RedisSessionRepository}, bean {@code redisSessionRepository},
 * and switches the application's sessions over to it (store name {@value #STORE_NAME}).
 *
 * <p>Each attempt takes a new, unstarted {@link LettuceConnectionFactory} from the supplier
 * (standalone, Sentinel or Cluster: the auto-configuration builds it from Spring Boot's
 * {@code spring.data.redis.*}), starts it and sends a PING, bounded by the factory's connect and
 * command timeouts. When Redis does not answer, the factory is destroyed before the exception
 * leaves, so a retry every 30 seconds for a week leaks nothing. The repository owns its factory
 * and destroys it when the bean is removed (invalidated by the
 * {@link io.dynamicbean.session.RemoteStoreFailureMonitor}, or the application stops), after the
 * front has gone back to local sessions. The factory should not reconnect by itself
 * ({@code autoReconnect(false)}): a fresh one is built when Redis answers again, which with
 * Sentinel also finds the master promoted meanwhile.
 *
 * <p>Session attribute values go through the {@link #setValueSerializer(SessionValueSerializer)
 * value serializer} (Java serialization read back through an allow-list). Defaults: key namespace
 * {@value RedisSessionRepository#DEFAULT_KEY_NAMESPACE}, and those of
 * {@link SessionStoreGeneratorAdapter} (flush mode {@code ON_SAVE}, save mode
 * {@code ON_SET_ATTRIBUTE} among them).
 *
 * <p>Usable on its own, for example to build a repository configured as this module does:
 * <pre class="code">
 * RedisSessionRepositoryGenerator generator = new RedisSessionRepositoryGenerator(sessions,
 *         () -&gt; new LettuceConnectionFactory(server, client), "127.0.0.1:6379");
 * RedisSessionRepository repository = generator.generate();
 * </pre>
 */
public class RedisSessionRepositoryGenerator extends SessionStoreGeneratorAdapter<RedisSessionRepository> {

	/**
	 * The name under which {@link SwitchableSessionRepository#storeOf} reports sessions kept here.
	 */
	public static final String STORE_NAME = "redis";

	private static final Log logger = LogFactory.getLog(RedisSessionRepositoryGenerator.class);

	private final Supplier<LettuceConnectionFactory> connectionFactories;

	private final String description;

	private String keyNamespace = RedisSessionRepository.DEFAULT_KEY_NAMESPACE;



	/**
	 * Create the generator.
	 * @param sessions the application's switchable session front, not {@code null}
	 * @param connectionFactories gives a new, unstarted connection factory for each attempt, not
	 * {@code null}
	 * @param description where Redis is, for messages (such as {@code 127.0.0.1:6379} or
	 * {@code Sentinel master mymaster at ...}), not empty
	 */
	public RedisSessionRepositoryGenerator(SwitchableSessionRepository sessions,
			Supplier<LettuceConnectionFactory> connectionFactories, String description) {
		super(STORE_NAME, sessions);
		Assert.notNull(connectionFactories, "connectionFactories must not be null");
		Assert.hasText(description, "description must not be empty");
		this.connectionFactories = connectionFactories;
		this.description = description;
	}

	/**
	 * Connect to Redis, check that it answers PING, and build the session repository on that
	 * connection.
	 * @return the repository, ready to use
	 * @throws IllegalStateException when Redis does not answer; nothing is left open
	 */
	@Override
	protected RedisSessionRepository createRepository() {
		LettuceConnectionFactory connectionFactory = this.connectionFactories.get();
		Assert.state(connectionFactory != null, "The connection factory supplier of Redis returned null");
		try {
			connectionFactory.afterPropertiesSet();
			connectionFactory.start();
			ping(connectionFactory);
		}
		catch (RuntimeException ex) {
			connectionFactory.destroy();
			throw new IllegalStateException("Redis (" + this.description + ") did not answer PING within its "
					+ "timeouts; check that it runs and the spring.data.redis.* properties", ex);
		}
		ConnectedRedisSessionRepository repository = new ConnectedRedisSessionRepository(template(connectionFactory),
				connectionFactory, this.description);
		repository.setRedisKeyNamespace(this.keyNamespace);
		logger.info("Connected to Redis (" + this.description + ")");
		return repository;
	}

	/**
	 * Give the repository the front's id generator, the session timeout and the flush and save
	 * modes.
	 */
	@Override
	protected void applySettings(RedisSessionRepository repository, SessionStoreSettings settings) {
		repository.setSessionIdGenerator(settings.sessionIdGenerator());
		repository.setDefaultMaxInactiveInterval(settings.sessionTimeout());
		repository.setFlushMode(settings.flushMode());
		repository.setSaveMode(settings.saveMode());
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

	/**
	 * Set the prefix of the Redis keys of the sessions.
	 * @param keyNamespace the prefix, not empty;
	 * {@value RedisSessionRepository#DEFAULT_KEY_NAMESPACE} by default
	 */
	public void setKeyNamespace(String keyNamespace) {
		Assert.hasText(keyNamespace, "keyNamespace must not be empty");
		this.keyNamespace = keyNamespace;
	}

	/**
	 * The generated bean: Spring Session's repository, which also owns the connection it runs on
	 * and closes it when the bean is removed.
	 */
	static final class ConnectedRedisSessionRepository extends RedisSessionRepository implements DisposableBean {

		private final LettuceConnectionFactory connectionFactory;

		private final String description;

		ConnectedRedisSessionRepository(RedisTemplate<String, Object> template,
				LettuceConnectionFactory connectionFactory, String description) {
			super(template);
			this.connectionFactory = connectionFactory;
			this.description = description;
		}

		@Override
		public void destroy() {
			this.connectionFactory.destroy();
			logger.info("Disconnected from Redis (" + this.description + ")");
		}

	}

}
