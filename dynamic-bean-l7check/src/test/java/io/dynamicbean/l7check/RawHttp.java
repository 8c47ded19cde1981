/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client that connects from a chosen local address: the tests play clients and
 * proxies at different loopback addresses (127.0.0.1, 127.0.0.2, ...) of one machine.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send one request and return its status code.
	 * @param from the local address to connect from
	 * @param to the server's address
	 * @param port the server's port
	 * @param method the method
	 * @param path the path
	 * @param body the {@code text/plain} body, or {@code null} for none
	 * @param headers more headers
	 * @return the status code
	 * @throws IOException if the exchange fails
	 */
	static int status(String from, String to, int port, String method, String path, String body,
			Map<String, String> headers) throws IOException {
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(30_000);
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress(to, port), 30_000);
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
			request.append("Host: localhost\r\nConnection: close\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.US_ASCII) : new byte[0];
			if (body != null) {
				request.append("Content-Type: text/plain\r\nContent-Length: ").append(content.length).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(content);
			out.flush();
			return Integer.parseInt(statusLine(socket.getInputStream()).split(" ")[1]);
		}
	}

	private static String statusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
			line.append((char) c);
		}
		return line.toString().trim();
	}

}
