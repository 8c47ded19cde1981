/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

/**
 * Passes item values through as bytes, whatever their flags say. Unlike spymemcached's default
 * transcoder it never deserializes an item on its own (which would bypass the allow-list of
 * {@link SessionCodec}) and never compresses or decompresses.
 */
public final class RawBytesTranscoder implements Transcoder<byte[]> {

	/** The flags written with every item. */
	public static final int FLAGS = 0;

	/** The shared instance. */
	public static final RawBytesTranscoder INSTANCE = new RawBytesTranscoder();

	private RawBytesTranscoder() {
	}

	@Override
	public boolean asyncDecode(CachedData data) {
		return false;
	}

	@Override
	public CachedData encode(byte[] value) {
		return new CachedData(FLAGS, value, getMaxSize());
	}

	@Override
	public byte[] decode(CachedData data) {
		return data.getData();
	}

	@Override
	public int getMaxSize() {
		return Integer.MAX_VALUE;
	}

}
