/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import io.dynamicbean.memcached.support.SessionEntry;

/**
 * The copy of a session item that a key's backup node held when it was last read or written, kept
 * with the session so that its next save can write the backup by compare-and-set (see
 * {@link ReplicaSet#replace}).
 * @param node the backup node
 * @param cas the item's CAS value on that node
 * @param item the item's bytes and revision, given back to the node when a save it took was
 * refused on the primary
 * @param entry the entry the item holds, which decides its expiry
 */
record BackupCopy(int node, long cas, Item item, SessionEntry entry) {
}
