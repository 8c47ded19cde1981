/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.contract;

import java.util.List;

import io.dynamicbean.session.serialization.DeserializationAllowList;
import io.dynamicbean.session.serialization.UnreadableValue.Reason;
import io.dynamicbean.session.serialization.UnreadableValues;
import org.junit.jupiter.api.Test;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a deploy that changes a session-held class must cost on a store: nobody is logged out.
 * Two releases of an application share one store; the value of a class one of them cannot read
 * (changed, missing, refused) is left out of its reads only, the login and the other values are
 * served, and a save by that release keeps the value's bytes for the release that can read them.
 * Run them against a store by extending this class.
 */
public abstract class UnreadableValuesContractTests {

	/** The attribute standing for the login. */
	protected static final String LOGIN = "login";

	/** The attribute holding a value of the release's own class. */
	protected static final String VISIT = "visit";

	private static final ClassLoader RELEASE_1 = SessionClassReleases.release(1);

	private static final ClassLoader RELEASE_2 = SessionClassReleases.release(2);

	/**
	 * Return a release of the application on the store under test: its session repository,
	 * reading attribute values with the given class loader and allow-list, and what it counts as
	 * unreadable. Every release of one test shares the store.
	 * @param classLoader the release's class loader
	 * @param allowList the release's allow-list
	 * @return the release
	 */
	protected abstract Release release(ClassLoader classLoader, DeserializationAllowList allowList);

	@Test
	void valueOfAChangedClassIsLeftOutAndKeptForTheReleaseThatWroteIt() {
		assertDeployKeepsLoginAndValue(release(RELEASE_2, allowingTheClass()), Reason.CHANGED_CLASS);
	}

	@Test
	void valueOfAMissingClassIsLeftOutAndKeptForTheReleaseThatWroteIt() {
		assertDeployKeepsLoginAndValue(release(SessionClassReleases.withoutTheClass(), allowingTheClass()),
				Reason.MISSING_CLASS);
	}

	@Test
	void valueOfARefusedClassIsLeftOutAndKeptForTheReleaseThatWroteIt() {
		assertDeployKeepsLoginAndValue(release(RELEASE_1, new DeserializationAllowList()), Reason.REFUSED);
	}

	@Test
	void valueOfAChangedClassSurvivesAnIdChangeByTheOtherRelease() {
		Release old = release(RELEASE_1, allowingTheClass());
		Release next = release(RELEASE_2, allowingTheClass());
		String id = loggedInWithAVisit(old);
		Session found = next.sessions().findById(id);
		assertThat(found).as("session read by the other release").isNotNull();
		String newId = found.changeSessionId();
		next.sessions().save(found);
		Session back = old.sessions().findById(newId);
		assertThat(back).as("session under its new id, read by the release that wrote it").isNotNull();
		assertThat(back.<Object>getAttribute(VISIT)).as("visit after an id change by the other release")
			.isEqualTo(SessionClassReleases.visit(RELEASE_1, "/cart"));
	}

	@Test
	void releaseThatCannotReadAValueWarnsOncePerClassAndReason() {
		Release old = release(RELEASE_1, allowingTheClass());
		Release next = release(RELEASE_2, allowingTheClass());
		String first = loggedInWithAVisit(old);
		String second = loggedInWithAVisit(old);
		for (String id : List.of(first, second, first)) {
			assertThat(next.sessions().findById(id).<Object>getAttribute(VISIT)).as("visit read by a request").isNull();
		}
		assertThat(next.unreadableValues().getCount(Reason.CHANGED_CLASS)).as("values left out").isEqualTo(3);
		assertThat(next.unreadableValues().getTotal()).as("values left out, whatever the reason").isEqualTo(3);
	}

	private void assertDeployKeepsLoginAndValue(Release next, Reason reason) {
		Release old = release(RELEASE_1, allowingTheClass());
		String id = loggedInWithAVisit(old);

		Session read = next.sessions().findById(id);
		assertThat(read).as("session read by the release that cannot read the visit").isNotNull();
		assertThat(read.<String>getAttribute(LOGIN)).as("login").isEqualTo("alice");
		assertThat(read.<Object>getAttribute(VISIT)).as("visit it cannot read").isNull();
		assertThat(next.unreadableValues().getCount(reason)).as("values left out as " + reason.tag()).isOne();
		read.setAttribute("cart", 3);
		next.sessions().save(read);

		Session back = old.sessions().findById(id);
		assertThat(back).as("session read again by the release that wrote it").isNotNull();
		assertThat(back.<String>getAttribute(LOGIN)).as("login").isEqualTo("alice");
		assertThat(back.<Integer>getAttribute("cart")).as("the other release's change").isEqualTo(3);
		assertThat(back.<Object>getAttribute(VISIT)).as("visit, kept in the store by the other release's save")
			.isEqualTo(SessionClassReleases.visit(RELEASE_1, "/cart"));
		assertThat(old.unreadableValues().getTotal()).as("values the writing release could not read").isZero();
	}

	private static String loggedInWithAVisit(Release release) {
		Session session = release.sessions().createSession();
		session.setAttribute(LOGIN, "alice");
		session.setAttribute(VISIT, SessionClassReleases.visit(RELEASE_1, "/cart"));
		release.sessions().save(session);
		return session.getId();
	}

	/**
	 * Return the default allow-list plus the package of the session-held class.
	 * @return the allow-list
	 */
	protected static DeserializationAllowList allowingTheClass() {
		return new DeserializationAllowList().allowing(List.of(), List.of(SessionClassReleases.PACKAGE));
	}

	/**
	 * One release of the application on the store under test.
	 * @param sessions its session repository
	 * @param unreadableValues what it counts as unreadable
	 */
	public record Release(SessionRepository<Session> sessions, UnreadableValues unreadableValues) {

		/**
		 * Create a release on a repository of any session type.
		 * @param sessions the repository
		 * @param unreadableValues its unreadable values
		 * @return the release
		 */
		@SuppressWarnings("unchecked")
		public static Release of(SessionRepository<? extends Session> sessions, UnreadableValues unreadableValues) {
			return new Release((SessionRepository<Session>) sessions, unreadableValues);
		}

	}

}
