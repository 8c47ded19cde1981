/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.dynamicbean.memcached.support.MemcachedNode;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls in the memcached store go one way, down its layers: the write policy
 * ({@link MemcachedSessionRepository}, {@link MemcachedSession}), the replica set
 * ({@link ReplicaSet}), the operations on one node ({@link NodeOperations}), the cluster
 * ({@link MemcachedCluster}). No layer names a type of a layer above it, and the write policy
 * reaches the nodes only through the replica set. Read from the compiled classes (nested classes
 * and lambdas included), so that comments and Javadoc links do not count.
 */
class StoreLayeringTests {

	@Test
	void replicaSetKnowsNoSessionBeingSaved() throws IOException {
		assertThat(typesNamedBy(ReplicaSet.class)).as("types named by ReplicaSet")
			.doesNotContain(name(MemcachedSession.class), name(MemcachedSessionRepository.class),
					name(MemcachedSessionRepositoryGenerator.class))
			.noneMatch((type) -> type.startsWith("io.dynamicbean.session."));
	}

	@Test
	void codecGlueKnowsNeitherNodesNorSessionsBeingSaved() throws IOException {
		assertThat(typesNamedBy(SessionItems.class)).as("types named by SessionItems")
			.doesNotContain(name(MemcachedSession.class), name(MemcachedSessionRepository.class),
					name(ReplicaSet.class), name(NodeOperations.class), name(MemcachedCluster.class),
					name(MemcachedNode.class));
	}

	@Test
	void nodeOperationsKnowNeitherReplicasNorSessions() throws IOException {
		assertThat(typesNamedBy(NodeOperations.class)).as("types named by NodeOperations")
			.doesNotContain(name(ReplicaSet.class), name(SessionItems.class), name(MemcachedSession.class),
					name(MemcachedSessionRepository.class), name(SessionEntry.class), name(SessionCodec.class));
	}

	@Test
	void clusterKnowsNoLayerAboveIt() throws IOException {
		assertThat(typesNamedBy(MemcachedCluster.class)).as("types named by MemcachedCluster")
			.doesNotContain(name(NodeOperations.class), name(ReplicaSet.class), name(SessionItems.class),
					name(MemcachedSession.class), name(MemcachedSessionRepository.class),
					name(MemcachedSessionRepositoryGenerator.class), name(SessionEntry.class));
	}

	@Test
	void writePolicyReachesTheNodesOnlyThroughTheReplicaSet() throws IOException {
		assertThat(typesNamedBy(MemcachedSessionRepository.class)).as("types named by MemcachedSessionRepository")
			.contains(name(ReplicaSet.class))
			.doesNotContain(name(NodeOperations.class), name(SpyMemcachedNode.class));
		assertThat(methodsCalledOn(MemcachedSessionRepository.class, MemcachedNode.class))
			.as("methods of MemcachedNode called by MemcachedSessionRepository")
			.isEmpty();
		assertThat(methodsCalledOn(MemcachedSessionRepository.class, MemcachedCluster.class))
			.as("methods of MemcachedCluster called by MemcachedSessionRepository")
			.isSubsetOf("of", "isAnswering");
		assertThat(typesNamedBy(MemcachedSession.class)).as("types named by MemcachedSession")
			.doesNotContain(name(ReplicaSet.class), name(NodeOperations.class), name(MemcachedCluster.class));
	}

	@Test
	void scanFindsWhatAClassNames() throws IOException {
		assertThat(typesNamedBy(ReplicaSet.class)).as("types named by ReplicaSet")
			.contains(name(NodeOperations.class), name(SessionItems.class), name(MemcachedCluster.class),
					name(SessionEntry.class), name(MemcachedSessionUnknownException.class));
		assertThat(methodsCalledOn(ReplicaSet.class, NodeOperations.class)).as("methods of NodeOperations called")
			.contains("startGets", "startCas", "finish");
	}

	private static String name(Class<?> type) {
		return type.getName();
	}

	/**
	 * The top-level types of {@code io.dynamicbean} that a class and its nested classes name
	 * anywhere in their constant pools: types used, fields, method signatures, strings.
	 */
	private static Set<String> typesNamedBy(Class<?> type) throws IOException {
		Pattern name = Pattern.compile("io/dynamicbean/[A-Za-z0-9_/]+");
		Set<String> types = new TreeSet<>();
		for (ConstantPool pool : poolsOf(type)) {
			for (String text : pool.texts()) {
				Matcher matcher = name.matcher(text);
				while (matcher.find()) {
					types.add(matcher.group().replace('/', '.'));
				}
			}
		}
		types.remove(type.getName());
		return types;
	}

	/**
	 * The names of the methods of one type that a class and its nested classes call.
	 */
	private static Set<String> methodsCalledOn(Class<?> type, Class<?> callee) throws IOException {
		Set<String> methods = new TreeSet<>();
		for (ConstantPool pool : poolsOf(type)) {
			methods.addAll(pool.methodsOf(callee.getName().replace('.', '/')));
		}
		return methods;
	}

	private static List<ConstantPool> poolsOf(Class<?> type) throws IOException {
		Path folder;
		try {
			folder = Path.of(type.getResource(type.getSimpleName() + ".class").toURI()).getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		List<ConstantPool> pools = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.toList()) {
				String fileName = file.getFileName().toString();
				boolean nested = fileName.startsWith(type.getSimpleName() + "$") && fileName.endsWith(".class");
				if (nested || fileName.equals(type.getSimpleName() + ".class")) {
					try (InputStream in = Files.newInputStream(file)) {
						pools.add(ConstantPool.read(in));
					}
				}
			}
		}
		assertThat(pools).as("class files of %s", type.getName()).isNotEmpty();
		return pools;
	}

	/**
	 * The constant pool of a class file: its texts, and the class and name of each method
	 * reference.
	 */
	private record ConstantPool(List<String> texts, List<String[]> methodRefs) {

		Set<String> methodsOf(String internalName) {
			Set<String> methods = new TreeSet<>();
			for (String[] ref : this.methodRefs) {
				if (ref[0].equals(internalName)) {
					methods.add(ref[1]);
				}
			}
			return methods;
		}

		static ConstantPool read(InputStream stream) throws IOException {
			DataInputStream in = new DataInputStream(stream);
			assertThat(in.readInt()).as("class file magic").isEqualTo(0xCAFEBABE);
			in.readUnsignedShort();
			in.readUnsignedShort();
			int count = in.readUnsignedShort();
			String[] utf8 = new String[count];
			int[][] refs = new int[count][];
			int[] classNames = new int[count];
			for (int i = 1; i < count; i++) {
				int tag = in.readUnsignedByte();
				switch (tag) {
					case 1 -> utf8[i] = in.readUTF();
					case 7 -> classNames[i] = in.readUnsignedShort();
					case 8, 16, 19, 20 -> in.readUnsignedShort();
					case 3, 4 -> in.readInt();
					case 5, 6 -> {
						in.readLong();
						i++;
					}
					case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] { tag, in.readUnsignedShort(),
							in.readUnsignedShort() };
					case 15 -> {
						in.readUnsignedByte();
						in.readUnsignedShort();
					}
					default -> throw new IllegalStateException("Unknown constant pool tag " + tag);
				}
			}
			List<String> texts = new ArrayList<>();
			for (String text : utf8) {
				if (text != null) {
					texts.add(text);
				}
			}
			List<String[]> methodRefs = new ArrayList<>();
			for (int[] ref : refs) {
				if (ref != null && (ref[0] == 10 || ref[0] == 11)) {
					String owner = utf8[classNames[ref[1]]];
					String method = utf8[refs[ref[2]][1]];
					methodRefs.add(new String[] { owner, method });
				}
			}
			return new ConstantPool(texts, methodRefs);
		}

	}

}
