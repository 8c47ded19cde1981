/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * memcached's text protocol on a socket, for what a test checks or does behind the application's
 * back: an item's remaining lifetime, deleting an item.
 */
public final class MemcachedText {

	private MemcachedText() {
	}

	/**
	 * Return the seconds an item has left to live, with meta get's {@code t} flag.
	 * @param port the memcached port on {@code 127.0.0.1}
	 * @param key the key
	 * @return the seconds left, {@code -1} for an item that never expires, or {@code null} if
	 * there is no such item
	 */
	public static Integer secondsToLive(int port, String key) {
		String reply = command(port, "mg " + key + " t");
		if (reply.startsWith("EN")) {
			return null;
		}
		if (!reply.startsWith("HD t")) {
			throw new IllegalStateException("Unexpected reply to mg " + key + ": " + reply);
		}
		return Integer.valueOf(reply.substring(4).trim());
	}

	/**
	 * Delete an item.
	 * @param port the memcached port on {@code 127.0.0.1}
	 * @param key the key
	 * @return whether the item existed
	 */
	public static boolean delete(int port, String key) {
		return command(port, "delete " + key).startsWith("DELETED");
	}

	private static String command(int port, String line) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String reply = in.readLine();
			if (reply == null) {
				throw new IllegalStateException("memcached closed the connection after: " + line);
			}
			return reply;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(line, ex);
		}
	}

}
