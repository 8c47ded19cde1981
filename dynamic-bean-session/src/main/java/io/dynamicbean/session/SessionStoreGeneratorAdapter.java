/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import io.dynamicbean.AbstractExecutableDynamicBeanGeneratorAdapter;
import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.SessionValueSerializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.FlushMode;
import org.springframework.session.MapSession;
import org.springframework.session.SaveMode;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.util.Assert;

/**
 * Base class for the generator of a remote session store: it builds the store's
 * {@link SessionRepository} as a dynamic bean and switches the application's
 * {@link SwitchableSessionRepository} over to it once the bean is registered. Subclasses only
 * connect, check that the store answers, and build the repository, in
 * {@link #createRepository()}; the rest is done here:
 * <ul>
 * <li>the repository is given the {@link SessionStoreSettings}: the front's
 * {@link SwitchableSessionRepository#getSessionIdGenerator() session id generator}, so that sessions
 * created locally keep their ids when they move into the store, the
 * {@link #setSessionTimeout(Duration) session timeout}, the flush and save modes; a subclass
 * applies them through the repository's own typed setters in {@link #applySettings}. Then the
 * application's {@link SessionRepositoryCustomizer}s of the repository type
 * ({@link #setRepositoryCustomizers}, Spring Session's own extension point) are applied, in
 * order;</li>
 * <li>{@link #execute()} switches the front to the repository just registered, under the
 * {@link #getStoreName() store name};</li>
 * <li>the {@link RemoteStoreFailureMonitor} that Spring Boot's auto-configuration declares
 * watches the store: after {@link #setFailureThreshold(int) failure threshold} consecutive failed
 * calls at run time it invalidates the bean. A subclass decides which exceptions are failures of
 * the store ({@link #isStoreFailure(RuntimeException)}), and reports the failures its own
 * background checks notice while no request calls the store ({@link #reportFailure(RuntimeException)});</li>
 * <li>when the bean is destroyed (its dynamic bean was invalidated, for example by a failure
 * monitor, or a dynamic bean it depends on was), the front goes back to its local store. That is
 * done by the {@link io.dynamicbean.session.support.SwitchToLocalOnDestroyPostProcessor}, which
 * the auto-configuration registers for every {@link SessionRepository} bean, before the bean's
 * own destroy callbacks run: a repository that closes its connection in {@code destroy()} is
 * never used closed. Without Spring Boot, declare that post-processor yourself.</li>
 * </ul>
 *
 * <pre class="code">
 * public class RedisSessionRepositoryGenerator extends SessionStoreGeneratorAdapter&lt;RedisSessionRepository&gt; {
 *
 *     public RedisSessionRepositoryGenerator(SwitchableSessionRepository sessions) {
 *         super("redis", sessions);
 *     }
 *
 *     &#064;Override
 *     protected void applySettings(RedisSessionRepository repository, SessionStoreSettings settings) {
 *         repository.setSessionIdGenerator(settings.sessionIdGenerator());
 *         repository.setDefaultMaxInactiveInterval(settings.sessionTimeout());
 *         repository.setFlushMode(settings.flushMode());
 *         repository.setSaveMode(settings.saveMode());
 *     }
 *
 *     &#064;Override
 *     protected RedisSessionRepository createRepository() {
 *         LettuceConnectionFactory connectionFactory = ...;   // bounded timeouts
 *         try {
 *             ping(connectionFactory);                       // prove the store answers
 *         }
 *         catch (RuntimeException ex) {
 *             connectionFactory.destroy();                    // release what was half-built
 *             throw new IllegalStateException("Redis did not answer PING; check ...", ex);
 *         }
 *         return new ClosingRedisSessionRepository(template(connectionFactory, getValueSerializer()),
 *                 connectionFactory);                         // closes the connection in destroy()
 *     }
 * }
 * </pre>
 *
 * <p>Defaults: session timeout {@link #DEFAULT_SESSION_TIMEOUT} (Spring Session's 30 minutes),
 * values read back through a {@link SessionValueSerializer} on the default
 * {@link DeserializationAllowList}, retry delay {@link #DEFAULT_RETRY_DELAY} (30 s), failure
 * threshold {@link RemoteStoreFailureMonitor#DEFAULT_FAILURE_THRESHOLD} (3), bean name
 * and type from the repository type as for any {@link io.dynamicbean.DynamicGeneratorAdapter}.
 *
 * @param <R> the type of the generated repository
 */
public abstract class SessionStoreGeneratorAdapter<R extends SessionRepository<? extends Session>>
		extends AbstractExecutableDynamicBeanGeneratorAdapter<R> {

	/**
	 * Default max inactive interval of the sessions the store creates: Spring Session's 30 minutes.
	 */
	public static final Duration DEFAULT_SESSION_TIMEOUT = MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;

	/**
	 * Default delay between attempts while the store cannot be reached: 30 seconds.
	 */
	public static final Duration DEFAULT_RETRY_DELAY = StoreRetryRules.DEFAULT_RETRY_DELAY;

	private static final Log logger = LogFactory.getLog(SessionStoreGeneratorAdapter.class);

	private final String storeName;

	private final SwitchableSessionRepository sessions;

	private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;

	private SessionValueSerializer valueSerializer = new SessionValueSerializer(new DeserializationAllowList(),
			getClass().getClassLoader());

	private Duration retryDelay = DEFAULT_RETRY_DELAY;

	private FlushMode flushMode = FlushMode.ON_SAVE;

	private SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;

	private int failureThreshold = StoreRetryRules.DEFAULT_FAILURE_THRESHOLD;

	private volatile @Nullable RemoteStoreFailureHandler failureHandler;

	private List<SessionRepositoryCustomizer<? super R>> repositoryCustomizers = List.of();

	/** The repository that {@link #generate()} made last, for {@link #execute()} to switch to. */
	private volatile @Nullable R generated;

	/**
	 * Create a generator whose repository type is the generic parameter of the subclass.
	 * @param storeName the name the front reports the store under in logs and
	 * {@link SwitchableSessionRepository#storeOf(Session)}, such as {@code redis}; not empty, not
	 * {@value SwitchableSessionRepository#LOCAL_STORE_NAME}
	 * @param sessions the application's switchable session front, not {@code null}
	 */
	protected SessionStoreGeneratorAdapter(String storeName, SwitchableSessionRepository sessions) {
		Assert.hasText(storeName, "storeName must not be empty");
		Assert.isTrue(!SwitchableSessionRepository.LOCAL_STORE_NAME.equals(storeName),
				() -> "storeName '" + storeName + "' is reserved for the local store: name the remote store");
		Assert.notNull(sessions, "sessions must not be null");
		this.storeName = storeName;
		this.sessions = sessions;
	}

	/**
	 * Connect to the store, check that it answers, and build the repository on that connection.
	 * Bound every wait, release whatever was half-built before throwing, and throw with a message
	 * that says what to check. The repository should own its connection and close it in its
	 * destroy callback. Leave the running application alone: the switch is done by
	 * {@link #execute()}.
	 * @return the repository, ready to use
	 * @throws Exception when the store cannot be used; the generator is retried after
	 * {@link #getDelaySeconds()}
	 */
	protected abstract R createRepository() throws Exception;

	/**
	 * Give a repository just built the settings of this generator, through its own typed setters:
	 * the session id generator (without it, sessions moved into the store get new ids: users stay
	 * logged in, with a new cookie), the session timeout, and the flush and save modes where the
	 * repository has them.
	 * @param repository the repository from {@link #createRepository()}
	 * @param settings the settings
	 */
	protected abstract void applySettings(R repository, SessionStoreSettings settings);

	/**
	 * Set the customizers applied, in order, to every repository built, after
	 * {@link #applySettings}: Spring Session's {@link SessionRepositoryCustomizer}, as an
	 * application declares them as beans. The store modules' auto-configurations set the
	 * application's customizer beans of the repository type.
	 * @param repositoryCustomizers the customizers, not {@code null}; none by default
	 */
	public void setRepositoryCustomizers(Collection<? extends SessionRepositoryCustomizer<? super R>> repositoryCustomizers) {
		Assert.notNull(repositoryCustomizers, "repositoryCustomizers must not be null");
		this.repositoryCustomizers = List.copyOf(repositoryCustomizers);
	}

	/**
	 * Return the settings this generator gives every repository it builds.
	 * @return the settings
	 */
	public SessionStoreSettings getSettings() {
		return new SessionStoreSettings(this.sessions.getSessionIdGenerator(), this.sessionTimeout, this.flushMode,
				this.saveMode);
	}

	/**
	 * Build the repository with {@link #createRepository()}, then give it the
	 * {@link #getSettings() settings} and apply the customizers.
	 * @return the repository
	 * @throws Exception what {@link #createRepository()} threw
	 */
	@Override
	public final R generate() throws Exception {
		this.generated = null;
		R repository = createRepository();
		Assert.state(repository != null, () -> getClass().getName() + ".createRepository() returned null: throw "
				+ "an exception that says why the store '" + this.storeName + "' cannot be used instead");
		applySettings(repository, getSettings());
		for (SessionRepositoryCustomizer<? super R> customizer : this.repositoryCustomizers) {
			customizer.customize(repository);
		}
		this.generated = repository;
		return repository;
	}

	/**
	 * Switch the application's sessions over to the repository just registered.
	 */
	@Override
	public final void execute() {
		R repository = this.generated;
		Assert.state(repository != null, () -> "execute() of " + this + " runs only after generate() has succeeded");
		this.sessions.switchTo(this.storeName, repository);
	}

	/**
	 * Set when session changes are written to the store, for a repository that has
	 * {@code setFlushMode(FlushMode)} (Spring Session's Redis and JDBC repositories, applied by their
	 * generators' {@link #applySettings}); others ignore it.
	 * @param flushMode the flush mode, not {@code null}; {@link FlushMode#ON_SAVE} by default
	 */
	public void setFlushMode(FlushMode flushMode) {
		Assert.notNull(flushMode, "flushMode must not be null");
		this.flushMode = flushMode;
	}

	/**
	 * Set which session attributes are written on save, for a repository that has
	 * {@code setSaveMode(SaveMode)} (Spring Session's Redis and JDBC repositories); others ignore it.
	 * @param saveMode the save mode, not {@code null}; {@link SaveMode#ON_SET_ATTRIBUTE} by default
	 */
	public void setSaveMode(SaveMode saveMode) {
		Assert.notNull(saveMode, "saveMode must not be null");
		this.saveMode = saveMode;
	}

	/**
	 * Tell whether an exception that the store threw at run time is a failure of the store, to be
	 * counted towards the {@link #setFailureThreshold(int) failure threshold}. Every exception is
	 * by default. Override for a store that refuses calls at once, without contacting its server,
	 * while it already knows the server is failing: such refusals add nothing to the failure
	 * already counted and, under load, would take the store out for one slow answer.
	 * @param ex what the store threw, other than a refusal of one session
	 * ({@link SessionStoreRefusal}) or of a deleted one ({@link SessionInvalidatedException})
	 * @return whether it counts; {@code true} by default
	 */
	public boolean isStoreFailure(RuntimeException ex) {
		return true;
	}

	/**
	 * Set who is told of the failures of the store that no call of the front saw (see
	 * {@link #reportFailure(RuntimeException)}). The {@link RemoteStoreFailureMonitor} sets itself
	 * when it {@link RemoteStoreFailureMonitor#watch(SessionStoreGeneratorAdapter) watches} this
	 * generator's store.
	 * @param failureHandler the handler, or {@code null} (the default) for none
	 */
	public void setFailureHandler(@Nullable RemoteStoreFailureHandler failureHandler) {
		this.failureHandler = failureHandler;
	}

	/**
	 * Report a failure of the store that no call of the front saw, such as a failed background
	 * check of the store's servers, so that an outage is noticed as promptly with no requests as
	 * with many: the failure monitor counts it as one failed call. Does nothing without a
	 * {@link #setFailureHandler(RemoteStoreFailureHandler) failure handler}.
	 * @param ex what failed, not {@code null}
	 */
	protected void reportFailure(RuntimeException ex) {
		Assert.notNull(ex, "ex must not be null");
		RemoteStoreFailureHandler handler = this.failureHandler;
		if (handler == null) {
			return;
		}
		try {
			handler.onFailure(this.storeName, ex);
		}
		catch (RuntimeException handlerFailure) {
			logger.warn("Failure handler " + handler + " of session store '" + this.storeName + "' threw; ignored",
					handlerFailure);
		}
	}

	/**
	 * Return the name the front reports the store under.
	 * @return the store name, such as {@code redis}
	 */
	public String getStoreName() {
		return this.storeName;
	}

	/**
	 * Return the application's switchable session front that {@link #execute()} switches.
	 * @return the front
	 */
	protected SwitchableSessionRepository getSessions() {
		return this.sessions;
	}

	/**
	 * Set how long a session in the store lasts without requests; usually the local store's
	 * timeout, so that a session lasts as long wherever it is.
	 * @param sessionTimeout the timeout, positive, not {@code null}; {@link #DEFAULT_SESSION_TIMEOUT}
	 * (30 minutes) by default
	 */
	public void setSessionTimeout(Duration sessionTimeout) {
		Assert.notNull(sessionTimeout, "sessionTimeout must not be null");
		Assert.isTrue(!sessionTimeout.isNegative() && !sessionTimeout.isZero(),
				() -> "sessionTimeout of session store '" + this.storeName + "' must be positive, but was "
						+ sessionTimeout);
		this.sessionTimeout = sessionTimeout;
	}

	/**
	 * Return how long a session in the store lasts without requests.
	 * @return the timeout
	 */
	public Duration getSessionTimeout() {
		return this.sessionTimeout;
	}

	/**
	 * Set how session attribute values are written to the store and read back: Java
	 * serialization, read through an allow-list so that a value planted in the store cannot make
	 * the application build an object of another class. {@link #createRepository()} applies it
	 * in the way of the store (see {@link SessionValueSerializer}).
	 * @param valueSerializer the serializer, not {@code null}; by default one on the default
	 * {@link DeserializationAllowList}, usually replaced by the auto-configured
	 * {@code sessionValueSerializer} bean
	 */
	public void setValueSerializer(SessionValueSerializer valueSerializer) {
		Assert.notNull(valueSerializer, "valueSerializer must not be null");
		this.valueSerializer = valueSerializer;
	}

	/**
	 * Return how session attribute values are written to the store and read back.
	 * @return the serializer
	 */
	public SessionValueSerializer getValueSerializer() {
		return this.valueSerializer;
	}

	/**
	 * Set how long to wait before trying again while the store cannot be reached.
	 * @param retryDelay a whole number of seconds, zero (never retried automatically) or more,
	 * not {@code null}; {@link #DEFAULT_RETRY_DELAY} (30 s) by default
	 */
	public void setRetryDelay(Duration retryDelay) {
		this.retryDelay = StoreRetryRules.checkRetryDelay(retryDelay,
				"retryDelay of session store '" + this.storeName + "'");
	}

	/**
	 * Return the {@link #setRetryDelay(Duration) retry delay} in seconds: 30 by default.
	 */
	@Override
	public int getDelaySeconds() {
		return Math.toIntExact(this.retryDelay.toSeconds());
	}

	/**
	 * Set how many consecutive failed calls to the store at run time take it out (the
	 * {@link RemoteStoreFailureMonitor} invalidates the bean; the application serves local
	 * sessions until the generator succeeds again).
	 * @param failureThreshold at least 1; {@link RemoteStoreFailureMonitor#DEFAULT_FAILURE_THRESHOLD}
	 * (3) by default
	 */
	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = StoreRetryRules.checkFailureThreshold(failureThreshold,
				"failureThreshold of session store '" + this.storeName + "'");
	}

	/**
	 * Return how many consecutive failed calls to the store at run time take it out.
	 * @return the threshold, 3 by default
	 */
	public int getFailureThreshold() {
		return this.failureThreshold;
	}

}
