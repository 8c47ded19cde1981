/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached.support;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

import org.springframework.util.Assert;

/**
 * Passes item values through as bytes, as {@link RawBytesTranscoder}, and keeps the revision of
 * an item in its memcached flags: each write of a session stores the revision it was based on plus
 * one, and its backup copy the same revision, so that of two copies of an item on two nodes the
 * newer one is known. Items written by earlier versions read as revision 0.
 */
public final class RevisionTranscoder implements Transcoder<RevisionTranscoder.Item> {

	/** The shared instance. */
	public static final RevisionTranscoder INSTANCE = new RevisionTranscoder();

	private RevisionTranscoder() {
	}

	@Override
	public boolean asyncDecode(CachedData data) {
		return false;
	}

	@Override
	public CachedData encode(Item item) {
		return new CachedData(item.revision(), item.data(), getMaxSize());
	}

	@Override
	public Item decode(CachedData data) {
		return new Item(data.getFlags(), data.getData());
	}

	@Override
	public int getMaxSize() {
		return Integer.MAX_VALUE;
	}

	/**
	 * The bytes of an item and their revision.
	 * @param revision how many writes the item's session has seen, as far as known
	 * @param data the bytes
	 */
	public record Item(int revision, byte[] data) {

		public Item {
			Assert.notNull(data, "data must not be null");
		}

	}

}
