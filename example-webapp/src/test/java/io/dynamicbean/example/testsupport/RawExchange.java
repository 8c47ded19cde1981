/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 exchange written by hand, for what a hostile client sends and a regular client
 * cannot: repeated or malformed cookies, any bytes in a header. The answer is read whole
 * ({@code Connection: close}).
 *
 * @param status the status code
 * @param headers the header lines of the response, as sent
 * @param body the body, decoded as UTF-8 (chunked bodies keep their chunk sizes)
 */
public record RawExchange(int status, List<String> headers, String body) {

	private static final Pattern SET_COOKIE = Pattern.compile("(?i)^set-cookie:\\s*([^=;\\s]+)=([^;]*)");

	/**
	 * Send a request to {@code 127.0.0.1}.
	 * @param port the port
	 * @param method the method
	 * @param path the request target, sent as it is
	 * @param headers further headers, sent as they are
	 * @param body the body, empty for none
	 * @return the exchange
	 */
	public static RawExchange send(int port, String method, String path, Map<String, String> headers, String body) {
		StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		if (content.length > 0) {
			request.append("Content-Length: ").append(content.length).append("\r\n");
		}
		request.append("\r\n").append(body);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path, ex);
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static RawExchange parse(String response) {
		int end = response.indexOf("\r\n\r\n");
		String head = (end >= 0) ? response.substring(0, end) : response;
		String[] lines = head.split("\r\n");
		if (lines.length == 0 || !lines[0].startsWith("HTTP/1.")) {
			throw new IllegalStateException("Not an HTTP response: " + head);
		}
		List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
		return new RawExchange(Integer.parseInt(lines[0].substring(9, 12)), headers,
				(end >= 0) ? response.substring(end + 4) : "");
	}

	/**
	 * Return the value of a cookie this response sets.
	 * @param name the cookie name
	 * @return the value of the last {@code Set-Cookie} of that name
	 */
	public Optional<String> cookie(String name) {
		String value = null;
		for (String header : this.headers) {
			Matcher matcher = SET_COOKIE.matcher(header);
			if (matcher.find() && matcher.group(1).equals(name)) {
				value = matcher.group(2);
			}
		}
		return Optional.ofNullable(value);
	}

}
