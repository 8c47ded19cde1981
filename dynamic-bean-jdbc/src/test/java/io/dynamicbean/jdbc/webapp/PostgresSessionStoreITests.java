/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.jdbc.webapp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import io.dynamicbean.jdbc.PostgresProcess;
import io.dynamicbean.session.testsupport.LoggedInLoad;
import io.dynamicbean.session.testsupport.LoggedInLoad.Sample;
import io.dynamicbean.session.testsupport.StoreTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application on a real PostgreSQL server (initdb and pg_ctl by the test), configured with
 * Boot's {@code spring.datasource.*} and {@code spring.session.jdbc.*}: it starts while the
 * database is down, creates Spring Session's tables through Boot's schema initializer and moves
 * the login into the database when it starts, serves locally when the database is stopped under
 * load, and goes back when it is restarted, with no failed request and no login lost.
 */
@SpringBootTest(classes = StoreTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dynamic-bean.session.store=jdbc", "dynamic-bean.session.remote.retry-delay=1s",
				"spring.session.jdbc.initialize-schema=always", "spring.datasource.username=postgres",
				"spring.datasource.hikari.connection-timeout=500", "spring.datasource.hikari.validation-timeout=250",
				"server.address=127.0.0.1" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresSessionStoreITests {

	private static final PostgresProcess postgres = new PostgresProcess("sessions");

	@LocalServerPort
	private int port;

	@Autowired
	private DynamicBeanFactory dynamicBeanFactory;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", postgres::url);
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	@Test
	@Order(1)
	void startsWhileTheDatabaseIsDownAndMovesTheLoginIntoItWhenItStarts() throws SQLException {
		assertThat(this.dynamicBeanFactory.getStatus("jdbcIndexedSessionRepository").lastFailure())
			.as("failure of the store bean at start-up")
			.isNotNull();
		LoggedInLoad.Browser browser = new LoggedInLoad.Browser(this.port);
		browser.login();
		assertThat(browser.get("/counter").body()).isEqualTo("alice:1:local");
		postgres.start();
		await("the session moves into the database").atMost(Duration.ofSeconds(30))
			.until(() -> String.valueOf(browser.get("/counter").body()), (body) -> body.endsWith(":jdbc"));
		assertThat(browser.get("/counter").body()).as("same login and session, in the database").startsWith("alice:")
			.endsWith(":jdbc")
			.doesNotStartWith("alice:1:");
		assertThat(sessionRows()).as("rows of SPRING_SESSION").isPositive();
	}

	@Test
	@Order(2)
	void stoppedUnderLoadServesLocallyAndGoesBackWhenRestarted() throws Exception {
		await("on the database").atMost(Duration.ofSeconds(30))
			.until(() -> this.dynamicBeanFactory.getStatus("jdbcIndexedSessionRepository")
				.state() == DynamicBeanState.ACTIVE);
		try (LoggedInLoad load = new LoggedInLoad(this.port, 4)) {
			long start = System.nanoTime();
			await("load on the database").atMost(Duration.ofSeconds(20)).until(() -> load.lastServedFrom(start, "jdbc"));
			postgres.stop();
			long stopped = System.nanoTime();
			await("served locally").atMost(Duration.ofSeconds(20)).until(() -> load.lastServedFrom(stopped, "local"));
			postgres.start();
			long restarted = System.nanoTime();
			await("back on the database").atMost(Duration.ofSeconds(30))
				.until(() -> load.lastServedFrom(restarted, "jdbc"));
			List<Sample> outage = load.since(stopped);
			System.out.println("[figures] PostgreSQL stopped under load: " + outage.size()
					+ " requests until back, max latency " + LoggedInLoad.maxLatency(outage).toMillis() + " ms");
			load.assertNoLoginOrSessionLost();
		}
	}

	private static int sessionRows() throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.url(), "postgres", "");
				ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM SPRING_SESSION")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
