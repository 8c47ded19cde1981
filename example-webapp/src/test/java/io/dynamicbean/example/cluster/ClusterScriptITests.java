/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dynamicbean.example.testsupport.FreePorts;
import io.dynamicbean.example.testsupport.ManagedProcess;
import io.dynamicbean.example.testsupport.WebClient;
import io.dynamicbean.example.web.SessionView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code scripts/cluster.sh}, on free loopback ports and a run directory of its own.
 */
class ClusterScriptITests {

	private static final Path SCRIPT = Path.of("..", "scripts", "cluster.sh").toAbsolutePath().normalize();

	private static final Path RUN_DIR = Path.of("target", "it", "cluster-script").toAbsolutePath();

	private final Map<String, String> environment = Map.of("LB_PORT", port(), "APP1_PORT", port(), "APP2_PORT", port(),
			"MEMCACHED_PORT", port(), "STATS_PORT", port(), "RUN_DIR", RUN_DIR.toString());

	@AfterEach
	void down() throws Exception {
		run("down");
	}

	@Test
	void upStartsABalancedClusterThatStatusDescribesAndDownStops() throws Exception {
		ManagedProcess.requireBinary("/usr/bin/memcached", "memcached");
		ManagedProcess.requireBinary("/usr/sbin/haproxy", "haproxy");
		Result up = run("up");
		assertThat(up.exit()).as("cluster.sh up:\n%s", up.output()).isZero();
		WebClient client = new WebClient(URI.create("http://127.0.0.1:" + this.environment.get("LB_PORT") + "/"))
			.login("demo", "demo");
		SessionView first = client.session();
		SessionView second = client.session();
		assertThat(List.of(first.instance(), second.instance())).containsExactlyInAnyOrder("app-1", "app-2");
		assertThat(second.sessionId()).isEqualTo(first.sessionId());
		assertThat(second.counter()).isEqualTo(first.counter() + 1);
		Result status = run("status");
		assertThat(status.output()).contains("memcached  running", "app-1      running", "app-2      running",
				"haproxy    running", "app-1      L7 check: UP", "app-1, UP", "app-2, UP");
		assertThat(RUN_DIR.resolve("haproxy.cfg")).content().contains("option httpchk GET /monitor/l7check",
				"balance roundrobin", "inter 1s fall 2 rise 2", "cookie DYNAMIC_BEAN_ROUTE\n", "check cookie app-1\n",
				"check cookie app-2\n");
		Result down = run("down");
		assertThat(down.exit()).isZero();
		assertThat(run("status").output()).contains("memcached  not running", "app-1      not running",
				"app-2      not running", "haproxy    not running");
	}

	private Result run(String command) throws IOException, InterruptedException {
		Files.createDirectories(RUN_DIR);
		Path output = RUN_DIR.resolve("cluster-sh-" + command + ".out");
		List<String> line = new ArrayList<>(List.of("bash", SCRIPT.toString(), command));
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().putAll(this.environment);
		builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
				+ System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		Process process = builder.start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private static String port() {
		return Integer.toString(FreePorts.next());
	}

	private record Result(int exit, String output) {
	}

}
