/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.StringUtils;

/**
 * The id of this running instance, shown in every answer so that a person (or a test) sees which
 * instance behind the load balancer served a request: {@code example.instance-id} when set, and
 * otherwise the host name and HTTP port, such as {@code web-1:8080}.
 */
public class InstanceId implements ApplicationListener<WebServerInitializedEvent> {

	private final @Nullable String configured;

	private volatile String value;

	/**
	 * Create the id.
	 * @param configured the configured id, or {@code null} or empty for the host name and port
	 */
	public InstanceId(@Nullable String configured) {
		this.configured = StringUtils.hasText(configured) ? configured.trim() : null;
		this.value = (this.configured != null) ? this.configured : hostName();
	}

	/**
	 * Take the port of the application's own web server (not a separate management server).
	 */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.configured == null && event.getApplicationContext().getServerNamespace() == null) {
			this.value = hostName() + ":" + event.getWebServer().getPort();
		}
	}

	/**
	 * Return the id.
	 * @return the configured id, or the host name and port
	 */
	public String get() {
		return this.value;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
