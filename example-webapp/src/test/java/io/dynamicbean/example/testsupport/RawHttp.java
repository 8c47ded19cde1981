/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 written by hand on a socket bound to a chosen local address, such as
 * {@code 127.0.0.2}: the way to send a request from another client address on one machine
 * ({@code java.net.http.HttpClient} and {@code HttpURLConnection} cannot bind one).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send a {@code PUT} with a {@code text/plain} body and return the status code.
	 * @param localAddress the client address to send from, such as {@code 127.0.0.2}
	 * @param port the server port on {@code 127.0.0.1}
	 * @param path the path
	 * @param body the body
	 * @param headers further headers, such as {@code X-Forwarded-For}
	 * @return the status code of the response
	 */
	public static int put(String localAddress, int port, String path, String body, Map<String, String> headers) {
		return exchange(localAddress, port, path, body, headers).status();
	}

	/**
	 * Send a {@code PUT} with a {@code text/plain} body, the path written into the request line
	 * exactly as given (no encoding, no normalising), and return the whole response.
	 * @param localAddress the client address to send from, such as {@code 127.0.0.2}
	 * @param port the server port on {@code 127.0.0.1}
	 * @param path the path, as it goes on the wire
	 * @param body the body
	 * @param headers further headers, such as {@code X-Forwarded-For}
	 * @return the status code and the body of the response
	 */
	public static Response exchange(String localAddress, int port, String path, String body,
			Map<String, String> headers) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("Host", "127.0.0.1:" + port);
		all.put("Content-Type", "text/plain");
		all.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
		all.put("Connection", "close");
		all.putAll(headers);
		StringBuilder request = new StringBuilder("PUT " + path + " HTTP/1.1\r\n");
		all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n").append(body);
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			if (!response.startsWith("HTTP/1.")) {
				throw new IllegalStateException("Not an HTTP response to PUT " + path + ": " + response);
			}
			int headersEnd = response.indexOf("\r\n\r\n");
			return new Response(Integer.parseInt(response.substring(9, 12)),
					(headersEnd >= 0) ? response.substring(headersEnd + 4) : "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PUT " + path + " from " + localAddress, ex);
		}
	}

	/**
	 * A response: its status code and its body, as received (chunked transfer coding left in).
	 *
	 * @param status the status code
	 * @param body the body
	 */
	public record Response(int status, String body) {
	}

}
