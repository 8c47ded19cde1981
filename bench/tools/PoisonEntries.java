/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.management.BadAttributeValueExpException;

/**
 * Plants poisoned session entries in memcached for bench/drill-bad-input.sh: one entry per session
 * id read from a file, under the application's key for that id, the kinds taken in turn. Run with
 * the JDK's single-file launcher (no build, no dependency):
 *
 * <pre>
 * java bench/tools/PoisonEntries.java MEMCACHED_PORT KEY_PREFIX IDS_FILE
 * </pre>
 *
 * Prints "&lt;id&gt; &lt;kind&gt; &lt;bytes&gt;" per entry. Entries that start like a real one
 * follow the layout of the memcached module's SessionCodec (a Java serialization stream: magic
 * number, format version, session id, times, attribute count, then name and value per attribute),
 * so that they get past the header to the attribute values. Nothing here is harmful: the
 * "gadget-like" values are plain JDK objects of classes outside the application's allow-list, and
 * the URL points at a closed loopback port.
 */
public class PoisonEntries {

	private static final int MAGIC = 0x44424D53;

	private static final String[] KINDS = { "garbage", "empty", "truncated", "wrong-magic", "other-session-id",
			"priority-queue", "hashmap-url-gadget", "bad-attribute-value-exception", "disallowed-enum",
			"nested-disallowed", "class-not-on-classpath", "deep-nesting", "huge-array-length", "too-many-references",
			"oversized-garbage", "oversized-session", "attribute-count-negative", "trailing-bytes" };

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String prefix = args[1];
		List<String> ids = Files.readAllLines(Path.of(args[2])).stream().filter((id) -> !id.isBlank()).toList();
		Random random = new Random(100);
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < ids.size(); i++) {
				String id = ids.get(i);
				String kind = KINDS[i % KINDS.length];
				byte[] value = entry(kind, id, ids.get((i + 1) % ids.size()), random);
				out.write(("set " + prefix + id + " 0 0 " + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(value);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String reply = readLine(in);
				if (!reply.equals("STORED")) {
					throw new IllegalStateException("memcached refused " + kind + " (" + value.length + " bytes): " + reply);
				}
				System.out.println(id + " " + kind + " " + value.length);
			}
		}
	}

	private static byte[] entry(String kind, String id, String otherId, Random random) throws IOException {
		return switch (kind) {
			case "garbage" -> randomBytes(random, 1 + random.nextInt(4096));
			case "empty" -> new byte[0];
			case "truncated" -> {
				byte[] whole = session(id, Map.of("example.bench.counter", 41L, "name", "a fine session value"));
				yield java.util.Arrays.copyOf(whole, whole.length / 2);
			}
			case "wrong-magic" -> header(0x0BADBEEF, id, 0, Map.of());
			case "other-session-id" -> session(otherId, Map.of("example.bench.counter", 7L));
			case "priority-queue" -> {
				PriorityQueue<String> queue = new PriorityQueue<>();
				queue.add("b");
				queue.add("a");
				yield session(id, Map.of("queue", queue));
			}
			case "hashmap-url-gadget" -> {
				// The URLDNS shape: deserializing it would hash the URL (a name lookup) if URL were allowed.
				HashMap<Object, Object> map = new HashMap<>();
				map.put(new URL("http://127.0.0.1:1/poison"), "value");
				yield session(id, Map.of("map", map));
			}
			case "bad-attribute-value-exception" -> session(id, Map.of("gadget", new BadAttributeValueExpException("x")));
			case "disallowed-enum" -> session(id, Map.of("unit", TimeUnit.SECONDS));
			case "nested-disallowed" -> {
				ArrayList<Object> list = new ArrayList<>();
				HashMap<String, Object> map = new HashMap<>();
				map.put("inner", new PriorityQueue<>(List.of(3, 1, 2)));
				list.add(map);
				yield session(id, Map.of("list", list));
			}
			case "class-not-on-classpath" -> session(id, Map.of("evil", new NotOnTheApplicationsClassPath()));
			case "deep-nesting" -> {
				ArrayList<Object> root = new ArrayList<>();
				ArrayList<Object> current = root;
				for (int depth = 0; depth < 200; depth++) {
					ArrayList<Object> next = new ArrayList<>();
					current.add(next);
					current = next;
				}
				yield session(id, Map.of("deep", root));
			}
			case "huge-array-length" -> hugeArrayLength(id);
			case "too-many-references" -> {
				ArrayList<String> strings = new ArrayList<>();
				for (int n = 0; n < 20_000; n++) {
					strings.add("s" + n);
				}
				yield session(id, Map.of("many", strings));
			}
			case "oversized-garbage" -> randomBytes(random, 2 * 1024 * 1024);
			case "oversized-session" -> session(id, Map.of("big", "x".repeat(2 * 1024 * 1024)));
			case "attribute-count-negative" -> header(MAGIC, id, -1, Map.of());
			case "trailing-bytes" -> {
				byte[] whole = session(id, Map.of("example.bench.counter", 3L));
				byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 16);
				yield longer;
			}
			default -> throw new IllegalArgumentException(kind);
		};
	}

	private static byte[] session(String id, Map<String, Object> attributes) throws IOException {
		return header(MAGIC, id, attributes.size(), attributes);
	}

	private static byte[] header(int magic, String id, int count, Map<String, Object> attributes) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			Instant now = Instant.now();
			out.writeInt(magic);
			out.writeByte(1);
			out.writeUTF(id);
			out.writeLong(now.getEpochSecond());
			out.writeInt(now.getNano());
			out.writeLong(now.getEpochSecond());
			out.writeInt(now.getNano());
			out.writeLong(1800);
			out.writeInt(0);
			out.writeInt(count);
			for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
				out.writeUTF(attribute.getKey());
				out.writeObject(attribute.getValue());
			}
		}
		return bytes.toByteArray();
	}

	/** A session whose only attribute is a byte[16] whose declared length is patched to 2^31 - 16. */
	private static byte[] hugeArrayLength(String id) throws IOException {
		byte[] marker = new byte[16];
		java.util.Arrays.fill(marker, (byte) 0x5A);
		byte[] stream = session(id, Map.of("array", marker));
		for (int i = 0; i + 20 <= stream.length; i++) {
			if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 0 && stream[i + 3] == 16 && stream[i + 4] == 0x5A
					&& stream[i + 19] == 0x5A) {
				stream[i] = 0x7F;
				stream[i + 1] = (byte) 0xFF;
				stream[i + 2] = (byte) 0xFF;
				stream[i + 3] = (byte) 0xF0;
				return stream;
			}
		}
		throw new IllegalStateException("array length not found in the stream");
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	/** A serializable class the application does not have: refused by name before any lookup. */
	static final class NotOnTheApplicationsClassPath implements Serializable {

		private static final long serialVersionUID = 1L;

		private final String command = "touch /tmp/should-never-exist";

	}

}
