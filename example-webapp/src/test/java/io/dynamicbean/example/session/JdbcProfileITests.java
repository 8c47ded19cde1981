/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.session;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.dynamicbean.example.testsupport.AppProcess;
import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.TrafficLoop;
import io.dynamicbean.example.testsupport.TrafficLoop.Exchange;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.web.SessionView;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the {@code jdbc} profile against a real database server, H2 in server mode
 * on a loopback port: the application is started from its jar while nothing listens on that port,
 * and the database comes up afterwards.
 */
class JdbcProfileITests {

	private static final Path LOGS = Path.of("target", "it", "jdbc");

	private static int databasePort;

	private static String url;

	private static Server database;

	private static AppProcess app;

	private static WebClient loggedInDuringOutage;

	private static SessionView beforeDatabase;

	@BeforeAll
	static void startAppWithTheDatabaseDownThenTheDatabase() throws SQLException {
		databasePort = FreePorts.next();
		url = "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/mem:sessions;DB_CLOSE_DELAY=-1";
		app = AppProcess.start("jdbc-app", FreePorts.next(), LOGS, "--spring.profiles.active=jdbc",
				"--spring.datasource.url=" + url, "--spring.datasource.hikari.connection-timeout=500",
				"--spring.session.jdbc.initialize-schema=always", "--dynamic-bean.session.remote.retry-delay=1s")
			.awaitReady(Duration.ofSeconds(90));
		loggedInDuringOutage = new WebClient(app.uri("/")).login("demo", "demo");
		beforeDatabase = loggedInDuringOutage.session();
		database = startDatabase();
	}

	private static Server startDatabase() throws SQLException {
		return Server.createTcpServer("-tcpPort", Integer.toString(databasePort), "-ifNotExists").start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (database != null) {
			database.stop();
		}
	}

	@Test
	void startsWithTheDatabaseDownAndMovesTheSessionIntoItWhenItStarts() throws SQLException {
		assertThat(beforeDatabase.store()).as("store while the database is down").isEqualTo("local");
		await("the session moves into the database").atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(loggedInDuringOutage.session().store()).isEqualTo("jdbc"));
		SessionView after = loggedInDuringOutage.session();
		assertThat(after.sessionId()).as("same session, still logged in").isEqualTo(beforeDatabase.sessionId());
		assertThat(after.counter()).as("counter kept through the switch").isGreaterThan(beforeDatabase.counter());
		assertThat(sessionRows(after.sessionId())).as("rows of the session in SPRING_SESSION").isEqualTo(1);
	}

	@Test
	void theDatabaseStoppedAtRunTimeFallsBackToLocalSessionsAndComesBackWithNoFailure() throws SQLException {
		WebClient client = new WebClient(app.uri("/")).login("demo", "demo");
		await("in the database").atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(client.session().store()).isEqualTo("jdbc"));
		String sessionId = client.session().sessionId();
		try (TrafficLoop traffic = TrafficLoop.start(client, Duration.ofMillis(10), 3000, Duration.ofSeconds(45))) {
			database.stop();
			Instant stopped = Instant.now();
			await("served locally").atMost(Duration.ofSeconds(15)).until(() -> lastStoresAre(traffic, stopped, "local"));
			database = startDatabase();
			Instant restarted = Instant.now();
			await("back in the database").atMost(Duration.ofSeconds(15))
				.until(() -> lastStoresAre(traffic, restarted, "jdbc"));
			List<Exchange> exchanges = traffic.exchanges();
			System.out.println("[figures] jdbc outage under traffic: " + exchanges.size() + " requests, max latency "
					+ exchanges.stream().map(Exchange::duration).max(Duration::compareTo).orElse(Duration.ZERO).toMillis()
					+ " ms, back " + Duration.between(restarted, Instant.now()).toMillis() + " ms after restart");
			assertThat(exchanges).filteredOn((exchange) -> exchange.status() != 200)
				.as("failed requests out of %d", exchanges.size())
				.isEmpty();
			assertThat(exchanges).extracting((exchange) -> exchange.session().sessionId())
				.as("still logged in, same session")
				.containsOnly(sessionId);
		}
		assertThat(sessionRows(sessionId)).as("the session is in the database").isEqualTo(1);
	}

	private static boolean lastStoresAre(TrafficLoop traffic, Instant since, String store) {
		List<Exchange> recent = traffic.since(since);
		return recent.size() >= 5
				&& recent.subList(recent.size() - 5, recent.size()).stream().allMatch((e) -> e.store().equals(store));
	}

	private static int sessionRows(String sessionId) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				PreparedStatement query = connection
					.prepareStatement("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = ?")) {
			query.setString(1, sessionId);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

}
