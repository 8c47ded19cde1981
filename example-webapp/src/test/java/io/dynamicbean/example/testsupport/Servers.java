/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real servers the end-to-end tests start, each on a loopback port: memcached, Redis and
 * HAProxy from their Debian packages. A missing binary fails the test with its install line.
 */
public final class Servers {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private Servers() {
	}

	/**
	 * Start memcached on a port.
	 * @param port the port
	 * @param logDirectory where its log goes
	 * @return the running process
	 */
	public static ManagedProcess memcached(int port, Path logDirectory) {
		String binary = ManagedProcess.requireBinary("/usr/bin/memcached", "memcached");
		List<String> command = List.of(binary, "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0", "-m", "16",
				"-t", "1", "-u", System.getProperty("user.name"));
		return new ManagedProcess("memcached", command, logDirectory).start().awaitListening(port, START_TIMEOUT);
	}

	/**
	 * Describe redis-server on a port, without persistence; not started yet.
	 * @param port the port
	 * @param logDirectory where its log goes
	 * @return the process, to start
	 */
	public static ManagedProcess redis(int port, Path logDirectory) {
		String binary = ManagedProcess.requireBinary("/usr/bin/redis-server", "redis-server");
		List<String> command = List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
				"--appendonly", "no", "--daemonize", "no", "--dir", logDirectory.toAbsolutePath().toString());
		return new ManagedProcess("redis-server", command, logDirectory);
	}

	/**
	 * Start HAProxy balancing round-robin, without stickiness, over the given backends, checking
	 * {@code GET /monitor/l7check} every second (down after 2 failures, up after 2 successes),
	 * refusing every spelling of {@code /monitor} from the outside and adding
	 * {@code X-Forwarded-For} to what it relays: {@link #haproxyConfiguration(int, List)}.
	 * @param port the port of the front end
	 * @param backendPorts the ports of the application instances
	 * @param logDirectory where its configuration and log go
	 * @return the running process
	 */
	public static ManagedProcess haproxy(int port, List<Integer> backendPorts, Path logDirectory) {
		return haproxy(port, haproxyConfiguration(port, backendPorts), logDirectory);
	}

	/**
	 * Start HAProxy with a configuration of the caller's.
	 * @param port the port of its front end, to wait for
	 * @param configuration the configuration
	 * @param logDirectory where its configuration and log go
	 * @return the running process
	 */
	public static ManagedProcess haproxy(int port, String configuration, Path logDirectory) {
		String binary = ManagedProcess.requireBinary("/usr/sbin/haproxy", "haproxy");
		Path file = logDirectory.resolve("haproxy.cfg");
		try {
			Files.createDirectories(logDirectory);
			Files.writeString(file, configuration);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = List.of(binary, "-db", "-f", file.toString());
		return new ManagedProcess("haproxy", command, logDirectory).start().awaitListening(port, START_TIMEOUT);
	}

	/**
	 * The same configuration as {@code scripts/cluster.sh} writes.
	 * @param port the port of the front end
	 * @param backendPorts the ports of the application instances
	 * @return the configuration
	 */
	public static String haproxyConfiguration(int port, List<Integer> backendPorts) {
		List<String> lines = new ArrayList<>(List.of("global", "    maxconn 512",
				"    # http-request normalize-uri is experimental in HAProxy 2.6 (haproxy -v).",
				"    expose-experimental-directives", "", "defaults", "    mode http",
				"    timeout connect 1s", "    timeout client 30s", "    timeout server 30s", "    option redispatch",
				"    retries 2", "", "frontend web", "    bind 127.0.0.1:" + port,
				"    # Tell the instances that each request was relayed: they refuse a PUT on the L7 switch that",
				"    # carries X-Forwarded-For from a proxy they do not trust (docs/l7check.md).",
				"    option forwardfor",
				"    # The L7 switch belongs to operators on the instances themselves, never to the public: deny",
				"    # every spelling of /monitor that the instances could decode to it.",
				"    http-request normalize-uri percent-decode-unreserved", "    http-request normalize-uri path-strip-dot",
				"    http-request normalize-uri path-strip-dotdot full", "    http-request normalize-uri path-merge-slashes",
				"    http-request deny deny_status 403 if { path,url_dec -m beg -i /monitor }",
				"    http-request deny deny_status 403 if { path,url_dec -m reg -i (^|[/\\\\\\\\;])monitor([/\\\\\\\\;]|$) }",
				"    default_backend apps", "",
				"backend apps", "    balance roundrobin",
				"    # Passive mode: routes on the affinity cookie the instances set while a session lives only",
				"    # in their local store, never sets or strips it.",
				"    cookie DYNAMIC_BEAN_ROUTE", "    option httpchk GET /monitor/l7check",
				"    http-check expect status 200", "    default-server inter 1s fall 2 rise 2"));
		for (int i = 0; i < backendPorts.size(); i++) {
			lines.add("    server app-" + (i + 1) + " 127.0.0.1:" + backendPorts.get(i) + " check cookie app-" + (i + 1));
		}
		return String.join("\n", lines) + "\n";
	}

}
