/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session.redis;

import java.time.Duration;

import io.dynamicbean.AbstractExecutableDynamicBeanGeneratorAdapter;
import io.dynamicbean.session.SwitchableSessionRepository;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.MapSession;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.util.Assert;

/**
 * Generates Spring Session's {@link RedisSessionRepository} and switches the application's
 * sessions over to it: the worked example of a generator of your own.
 *
 * <p>What makes it a good dynamic bean generator:
 * <ol>
 * <li><b>{@link #generate()} proves the backend is there</b> before handing anything out. A Redis
 * client connects lazily, so without the PING here a "successful" bean would fail on the first
 * request instead. The PING is bounded by the connect and command timeouts, so a black-holed
 * Redis costs start-up at most about one second, never a hang.</li>
 * <li><b>It releases what it half-built when it fails</b>: the connection factory (and the
 * Netty threads behind it) is destroyed before the exception leaves {@code generate()}, so a
 * retry every 30 seconds for a week leaks nothing.</li>
 * <li><b>It throws, with a message naming what to check</b>. The framework logs the failure once
 * at WARN, keeps the application running on its local sessions, and calls {@code generate()}
 * again after {@link #getDelaySeconds()}.</li>
 * <li><b>{@link #execute()} does the switch</b>, once the bean is registered: from then on
 * sessions are read from and written to Redis. If it throws, the bean is removed again and
 * retried.</li>
 * <li><b>The bean cleans up after itself</b>: when it is removed (invalidated at runtime, or the
 * application stops) the application goes back to local sessions first, then the connection is
 * closed.</li>
 * </ol>
 *
 * <p>Active with the {@code redis} profile; configured by {@link RedisSessionProperties}
 * ({@code example.session.redis.*}), retried every {@code retry-delay} (30 s by default).
 */
public class RedisSessionRepositoryGenerator extends AbstractExecutableDynamicBeanGeneratorAdapter<RedisSessionRepository> {

	/**
	 * The name under which {@link SwitchableSessionRepository#storeOf} reports sessions kept here.
	 */
	public static final String STORE_NAME = "redis";

	private static final Log logger = LogFactory.getLog(RedisSessionRepositoryGenerator.class);

	private final RedisSessionProperties properties;

	private final SwitchableSessionRepository sessions;

	private Duration sessionTimeout = MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;

	private SessionValueSerializer valueSerializer = new SessionValueSerializer(new DeserializationAllowList(),
			RedisSessionRepositoryGenerator.class.getClassLoader());

	/** The repository that {@link #generate()} made last, for {@link #execute()} to switch to. */
	private volatile @Nullable RedisSessionRepository generated;

	/**
	 * Create the generator. Like any Spring bean it gets ordinary dependencies injected; only
	 * other dynamic beans would need {@link io.dynamicbean.DynamicAutowired @DynamicAutowired}.
	 * @param properties where Redis is and how long to wait for it, not {@code null}
	 * @param sessions the application's switchable session store, not {@code null}
	 */
	public RedisSessionRepositoryGenerator(RedisSessionProperties properties, SwitchableSessionRepository sessions) {
		Assert.notNull(properties, "properties must not be null");
		Assert.notNull(sessions, "sessions must not be null");
		this.properties = properties;
		this.sessions = sessions;
	}

	/**
	 * Set how long a session lasts without requests, as in the local store.
	 * @param sessionTimeout the timeout, not {@code null}; Spring Session's 30 minutes by default
	 */
	public void setSessionTimeout(Duration sessionTimeout) {
		Assert.notNull(sessionTimeout, "sessionTimeout must not be null");
		this.sessionTimeout = sessionTimeout;
	}

	/**
	 * Set how session attribute values are written to Redis and read back: Java serialization,
	 * read through an allow-list so that a value planted in Redis cannot make the application
	 * build an object of another class.
	 * @param valueSerializer the serializer, not {@code null}; by default one on the default
	 * {@link DeserializationAllowList}
	 */
	public void setValueSerializer(SessionValueSerializer valueSerializer) {
		Assert.notNull(valueSerializer, "valueSerializer must not be null");
		this.valueSerializer = valueSerializer;
	}

	/**
	 * Connect to Redis, check that it answers, and build the session repository on that connection.
	 * @return the repository, ready to use
	 * @throws IllegalStateException when Redis does not answer; nothing is left open
	 */
	@Override
	public RedisSessionRepository generate() {
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
				connectionFactory, this.sessions, address());
		// Sessions created locally while Redis was down keep their id when they move here.
		repository.setSessionIdGenerator(this.sessions.getSessionIdGenerator());
		repository.setDefaultMaxInactiveInterval(this.sessionTimeout);
		repository.setRedisKeyNamespace(this.properties.getKeyNamespace());
		this.generated = repository;
		return repository;
	}

	/**
	 * Switch the application's sessions over to the repository just registered.
	 */
	@Override
	public void execute() {
		RedisSessionRepository repository = this.generated;
		Assert.state(repository != null, "execute() runs only after generate() has succeeded");
		this.sessions.switchTo(STORE_NAME, repository);
		logger.info("Sessions are now kept in Redis at " + address());
	}

	/**
	 * Return {@code example.session.redis.retry-delay} in seconds: 30 by default.
	 */
	@Override
	public long getDelaySeconds() {
		return this.properties.getRetryDelay().toSeconds();
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
		RedisSerializer<Object> values = new JdkSerializationRedisSerializer(this.valueSerializer.serializingConverter(),
				this.valueSerializer.deserializingConverter());
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
	 * application stops), the framework calls {@link #destroy()} as for any {@code @Bean}.
	 */
	static final class ConnectedRedisSessionRepository extends RedisSessionRepository implements DisposableBean {

		private final LettuceConnectionFactory connectionFactory;

		private final SwitchableSessionRepository sessions;

		private final String address;

		ConnectedRedisSessionRepository(RedisTemplate<String, Object> template,
				LettuceConnectionFactory connectionFactory, SwitchableSessionRepository sessions, String address) {
			super(template);
			this.connectionFactory = connectionFactory;
			this.sessions = sessions;
			this.address = address;
		}

		/**
		 * Stop using Redis, then close the connection: in that order, so that no request uses a
		 * closed connection.
		 */
		@Override
		public void destroy() {
			this.sessions.switchToLocalIfActive(this);
			this.connectionFactory.destroy();
			logger.info("Disconnected from Redis at " + this.address + "; sessions are kept locally until it is back");
		}

	}

}
