/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.memcached;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.dynamicbean.memcached.support.MemcachedNode.Stored;
import io.dynamicbean.memcached.support.MemcachedNode.Written;
import io.dynamicbean.memcached.support.RevisionTranscoder.Item;
import io.dynamicbean.memcached.support.SessionCodec;
import io.dynamicbean.memcached.support.SessionEntry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The copies of each session item on its nodes: every rule about which nodes of a key are read,
 * written, checked, copied to and handed off to, and which copy wins when they differ. The layer
 * of the session store between the write policy of {@link MemcachedSessionRepository} and the
 * {@link NodeOperations operations on one node}; its operations are coarse and return what the
 * nodes answered, and it knows neither the sessions being saved nor the policy (decoding items and
 * their expirations are {@link SessionItems}').
 *
 * <ul>
 * <li>A key lives on its primary node (the first answering node of its ring order) and, with the
 * backup on, a copy on its backup node (the next answering one). A node is its index in the
 * cluster; a CAS value is only ever used on the node it came from.
 * <li>{@link #read} asks the primary and the backup at once, within one operation timeout, and
 * the next answering node in place of one that failed; when both miss the item, the other
 * answering nodes next. For {@link MemcachedCluster#SETTLING_TIME} after one of a key's nodes
 * changed state, it asks the key's first {@value MemcachedCluster#SETTLING_SPREAD} answering
 * nodes. The copy that wins: a tombstone, then the highest revision, then the node first on the
 * ring. A primary that misses it or holds an older copy is rewritten from it, and the backup sent
 * it. When no readable copy is found and neither home node (primary, backup) answered, it cannot
 * tell: {@link MemcachedSessionUnknownException}.
 * <li>{@link #replace} writes by {@code cas} on one node and, at once, reads the nodes a read would
 * ask besides it, and reports the newest copy they hold that the write had not seen: a tombstone,
 * or a higher revision than the one the write is based on. When the only other node is the
 * backup, and the read found it holding the primary's copy ({@link Copy#backup()}), the backup is
 * checked by writing it: a {@code cas} of the same bytes with the CAS value read there, sent at
 * once with the primary's, stores exactly when the backup took no write since the read. Only when
 * it does not is the backup read. When the primary's {@code cas} is the one that fails, the
 * backup is given back the copy it held, by {@code cas}.
 * <li>{@link #add} and {@link #replace} replicate what they stored (unless a newer copy was found,
 * or the backup's {@code cas} stored it): to the backup without waiting, and to each home node
 * that does not answer, so that a frozen node applies it when it resumes; while the key's nodes
 * settle, to its settling nodes, waiting for them.
 * <li>{@link #writeTombstone} and {@link #replicateTombstone}: a tombstone goes to every answering
 * node, waiting for them, and is {@link MemcachedCluster#handOff handed off} to every node that does
 * not answer, to be written on it before it serves requests again.
 * </ul>
 * With the backup off, or a single node, only a key's first answering node is read and written.
 *
 * <p>An operation throws {@link MemcachedUnavailableException} when the node it waits for does not
 * answer, or when no node answers at all. Defaults: the backup on when the cluster has two nodes or
 * more.
 */
final class ReplicaSet {

	private static final Log logger = LogFactory.getLog(ReplicaSet.class);

	private final MemcachedCluster cluster;

	private final NodeOperations operations;

	private final SessionItems items;

	/** Whether keys get a backup node: asked for, and there is a second node. */
	private boolean backup;

	ReplicaSet(MemcachedCluster cluster, SessionItems items) {
		this.cluster = cluster;
		this.operations = new NodeOperations(cluster);
		this.items = items;
		this.backup = cluster.size() > 1;
	}

	void setBackup(boolean backup) {
		this.backup = backup && this.cluster.size() > 1;
	}

	void setStoreListener(MemcachedStoreListener listener) {
		this.operations.setStoreListener(listener);
	}

	/**
	 * Read the item of a key from its primary and backup nodes at once, within one operation
	 * timeout, and return the copy to use, on the primary when it answered: see the class
	 * documentation. While the key's nodes are settling its settling nodes are asked, and when the
	 * primary and backup both miss the item the others are asked next: a session written while
	 * its primary and backup were down lives on the next nodes of the ring.
	 * @return the copy (its entry {@code null} when unreadable), {@code null} when there is none
	 * @throws MemcachedSessionUnknownException if no copy is found and neither home node answered
	 */
	@Nullable Copy read(String key) {
		List<Integer> nodes = answeringNodes(key);
		int owners = (this.backup && nodes.size() > 1) ? 2 : 1;
		int asked = (this.backup && !this.cluster.isSettled(key)) ? this.cluster.settlingNodesFor(key).size() : owners;
		Copies copies = ask(key, nodes.subList(0, asked));
		if (this.backup && nodes.size() > asked && copies.noneFound()) {
			copies.addAll(ask(key, nodes.subList(asked, nodes.size())));
		}
		else if (this.backup && nodes.size() > asked && copies.failures() > 0) {
			copies.addAll(ask(key, nodes.subList(asked, Math.min(nodes.size(), asked + copies.failures()))));
		}
		return reconcile(key, nodes.get(0), (owners > 1) ? nodes.get(1) : -1, copies);
	}

	/**
	 * Ask nodes for the item of a key at once, and wait for each within one operation timeout.
	 */
	private Copies ask(String key, List<Integer> nodes) {
		long deadline = this.operations.deadline();
		List<NodeOperations.Pending<@Nullable Stored>> pending = new ArrayList<>(nodes.size());
		for (Integer node : nodes) {
			pending.add(this.operations.startGets(node, key));
		}
		Copies copies = new Copies();
		for (int i = 0; i < pending.size(); i++) {
			try {
				Stored item = this.operations.finish(pending.get(i), (i == 0) ? deadline : this.operations.backupDeadline(deadline));
				copies.answered(pending.get(i).node(), toCopy(pending.get(i).node(), key, item, copies));
			}
			catch (MemcachedUnavailableException ex) {
				copies.failed(ex);
			}
		}
		return copies;
	}

	/**
	 * Choose the copy to use, and bring the primary and the backup up to date with it: a
	 * tombstone wins, then the highest revision, then the node first on the ring. The primary's
	 * copy is used as it is when the primary did not answer: the copy of the first node that did.
	 */
	private @Nullable Copy reconcile(String key, int primaryNode, int backupNode, Copies copies) {
		if (!copies.anyAnswered()) {
			throw copies.failure();
		}
		Copy newest = copies.newest();
		if (newest == null && !homeAnswered(key, copies)) {
			throw notKnown(key);
		}
		if (!copies.answered(primaryNode)) {
			return (newest != null) ? newest : copies.first();
		}
		Copy primary = copies.of(primaryNode);
		if (newest == null || newest.node() == primaryNode || isSame(primary, newest)) {
			if (primary != null && primary.entry() != null) {
				Copy backedUp = (backupNode >= 0) ? copies.of(backupNode) : null;
				if (backedUp != null && isSame(backedUp, primary)) {
					return primary.withBackup(backedUp);
				}
				backUp(key, backupNode, primary, copies);
			}
			return primary;
		}
		logger.debug("Session '" + key + "' restored on its primary node from node "
				+ this.cluster.health(newest.node()).getAddress());
		int expiry = this.items.expiry(newest.entry());
		Written restored = (primary != null) ? this.operations.cas(primaryNode, key, primary.cas(), expiry, newest.item())
				: this.operations.add(primaryNode, key, expiry, newest.item());
		if (newest.node() != backupNode) {
			backUp(key, backupNode, newest, copies);
		}
		if (restored.isStored() && restored.cas() != 0) {
			Copy copy = new Copy(primaryNode, restored.cas(), newest.item(), newest.entry());
			return (newest.node() == backupNode) ? copy.withBackup(newest) : copy;
		}
		return toCopy(primaryNode, key, this.operations.gets(primaryNode, key));
	}

	/**
	 * Send a copy to the backup node, unless it has it already or did not answer.
	 */
	private void backUp(String key, int backupNode, Copy copy, Copies copies) {
		if (backupNode >= 0 && copies.answered(backupNode) && !isSame(copies.of(backupNode), copy)) {
			SessionEntry entry = copy.entry();
			Assert.state(entry != null, "A copy backed up is readable");
			this.cluster.backup(backupNode, key, this.items.expiry(entry), copy.item());
		}
	}

	/**
	 * Tell whether a node that holds the key when every node answers (its primary, or with
	 * backups its backup node) answered this read. When none did, a miss everywhere else says
	 * nothing of a session written before they failed.
	 */
	private boolean homeAnswered(String key, Copies copies) {
		return this.cluster.homeNodesFor(key, this.backup).stream().anyMatch(copies::answered);
	}

	private MemcachedSessionUnknownException notKnown(String key) {
		return new MemcachedSessionUnknownException("Memcached cannot tell whether session '" + key + "' exists: "
				+ "neither its primary nor its backup node answers, and the nodes that do do not hold it");
	}

	private @Nullable Copy toCopy(int node, String key, @Nullable Stored item) {
		return toCopy(node, key, item, new Copies());
	}

	/**
	 * Decode an item, unless a node already answered the same bytes.
	 */
	private @Nullable Copy toCopy(int node, String key, @Nullable Stored item, Copies decoded) {
		if (item == null) {
			return null;
		}
		Copy same = decoded.withBytes(item.item().data());
		if (same != null) {
			return new Copy(node, item.cas(), item.item(), same.entry());
		}
		return new Copy(node, item.cas(), item.item(), this.items.decode(key, item.item().data()));
	}

	/**
	 * The node a key is written on: its first answering node.
	 * @throws MemcachedUnavailableException if no node answers
	 */
	int primaryOf(String key) {
		return answeringNodes(key).get(0);
	}

	/**
	 * Add an item on a node, waiting for it, and when it is stored replicate it.
	 * @param entry the entry the item holds, which decides its expiry
	 * @return the outcome, stored or not (the key is held)
	 * @throws MemcachedStoreException if the node refused the write
	 */
	Written add(String key, int node, SessionEntry entry, Item item) {
		Written added = this.operations.add(node, key, this.items.expiry(entry), item);
		if (added.isStored()) {
			replicate(key, node, this.items.expiry(entry), item, List.of(), false);
		}
		return added;
	}

	/**
	 * Write an item by compare-and-set on a node, checked against the other nodes a read would
	 * ask (see {@link #casChecked}; when the only one is the backup, and the copy it held is known,
	 * by writing it: see {@link #casWithBackup}), and when it is stored and none of them holds a
	 * newer copy, replicate it.
	 * @param entry the entry the item holds, which decides its expiry
	 * @param baseRevision the revision the write is based on
	 * @param backup the copy the key's backup node held as the write's base was read, and its CAS
	 * value there, {@code null} when unknown
	 * @return the outcome of the write, the newer copy of another node, if any, and the backup's
	 * copy when the write stored it there
	 * @throws MemcachedStoreException if the node refused the write
	 */
	Replaced replace(String key, int node, long cas, SessionEntry entry, Item item, int baseRevision,
			@Nullable BackupCopy backup) {
		int expiry = this.items.expiry(entry);
		List<Integer> others = checkedNodes(key, node);
		Replaced replaced = (backup != null && others.equals(List.of(backup.node())))
				? casWithBackup(key, node, cas, entry, expiry, item, baseRevision, backup)
				: casChecked(key, node, cas, expiry, item, baseRevision, others);
		if (replaced.written().isStored() && replaced.newer() == null) {
			replicate(key, node, expiry, item, replaced.unanswered(), replaced.backup() != null);
		}
		return replaced;
	}

	/**
	 * Write a tombstone by compare-and-set on a node, checked as {@link #replace} is; nothing is
	 * replicated: see {@link #replicateTombstone}.
	 * @param baseRevision the revision the write is based on
	 * @return the outcome of the write, and the newer copy of another node, if any
	 * @throws MemcachedStoreException if the node refused the write
	 */
	Replaced replaceWithTombstone(String key, int node, long cas, SessionEntry tombstone, Item item,
			int baseRevision) {
		return casChecked(key, node, cas, this.items.expiry(tombstone), item, baseRevision,
				checkedNodes(key, node));
	}

	/**
	 * Write an item by compare-and-set on a node, and at once read the key from the other nodes a
	 * read would ask: a node whose CAS value is still the one read may have missed writes made on
	 * the others while it was frozen or unreachable in another instance's view.
	 * @param baseRevision the revision the write is based on
	 * @param others the other nodes a read would ask ({@link #checkedNodes})
	 * @return the outcome of the write, and the copy of another node that is newer than the base
	 * (a tombstone, or a higher revision), if any
	 */
	private Replaced casChecked(String key, int node, long cas, int expiry, Item item, int baseRevision,
			List<Integer> others) {
		long deadline = this.operations.deadline();
		NodeOperations.Pending<Written> write = this.operations.startCas(node, key, cas, expiry, item);
		List<NodeOperations.Pending<@Nullable Stored>> checks = new ArrayList<>();
		for (Integer other : others) {
			checks.add(this.operations.startGets(other, key));
		}
		Written written = this.operations.finish(write, deadline);
		if (written == null || written.status() == Written.Status.REFUSED) {
			throw NodeOperations.refused(key, item.data(), written);
		}
		Copy newer = null;
		List<Integer> unanswered = new ArrayList<>();
		for (NodeOperations.Pending<@Nullable Stored> check : checks) {
			try {
				Copy copy = newerThan(baseRevision, check.node(), key,
						this.operations.finish(check, this.operations.backupDeadline(deadline)));
				if (copy != null && (newer == null || isNewer(copy, newer))) {
					newer = copy;
				}
			}
			catch (MemcachedUnavailableException ex) {
				unanswered.add(check.node());
				logger.debug("Copy of session '" + key + "' not checked: " + ex.getMessage());
			}
		}
		return new Replaced(written, missed(key, node, newer), unanswered);
	}

	/**
	 * Write an item by compare-and-set on a node and, at once, on the key's backup node with the
	 * CAS value the backup held the copy under: that write is the check of the backup, and stores
	 * exactly when the backup took no write since it was read, so the backup holds the item as
	 * soon as the save is acknowledged. When it does not store, the backup is read, as
	 * {@link #casChecked} reads it. When the node's write is the one that does not store (another
	 * request saved first), the backup is given back the copy it held.
	 * @param entry the entry the item holds
	 * @param expiry its memcached expiration
	 * @param backup the copy the backup held, and its CAS value there
	 */
	private Replaced casWithBackup(String key, int node, long cas, SessionEntry entry, int expiry, Item item,
			int baseRevision, BackupCopy backup) {
		long deadline = this.operations.deadline();
		NodeOperations.Pending<Written> write = this.operations.startCas(node, key, cas, expiry, item);
		NodeOperations.Pending<Written> copy = this.operations.startCas(backup.node(), key, backup.cas(), expiry, item);
		Written written = this.operations.finish(write, deadline);
		if (written == null || !written.isStored()) {
			giveBack(key, backup, copy, deadline);
			if (written == null || written.status() == Written.Status.REFUSED) {
				throw NodeOperations.refused(key, item.data(), written);
			}
			return new Replaced(written, null, List.of());
		}
		try {
			Written copied = this.operations.finish(copy, this.operations.backupDeadline(deadline));
			if (copied != null && copied.isStored()) {
				return new Replaced(written, null, List.of(), new BackupCopy(backup.node(), copied.cas(), item, entry));
			}
			Stored held = this.operations.finish(this.operations.startGets(backup.node(), key),
					this.operations.deadline());
			if (held != null && Arrays.equals(held.item().data(), item.data())) {
				return new Replaced(written, null, List.of(), new BackupCopy(backup.node(), held.cas(), item, entry));
			}
			Copy newer = newerThan(baseRevision, backup.node(), key, held);
			return new Replaced(written, missed(key, node, newer), List.of());
		}
		catch (MemcachedUnavailableException ex) {
			logger.debug("Copy of session '" + key + "' not checked: " + ex.getMessage());
			return new Replaced(written, null, List.of(backup.node()));
		}
		catch (MemcachedStoreException ex) {
			logger.debug("Copy of session '" + key + "' refused by its backup node: " + ex.getMessage());
			return new Replaced(written, null, List.of());
		}
	}

	/**
	 * The newer copy a check found, if any, logged as a write the node written had missed.
	 */
	private @Nullable Copy missed(String key, int written, @Nullable Copy newer) {
		if (newer != null) {
			logger.debug("Session '" + key + "' was written on node " + this.cluster.health(newer.node()).getAddress()
					+ " meanwhile, which node " + this.cluster.health(written).getAddress() + " missed");
		}
		return newer;
	}

	/**
	 * Give the backup back the copy it held, when its {@code cas} stored a write that its
	 * primary refused: by compare-and-set, so that a later write stays. A failure is only logged.
	 */
	private void giveBack(String key, BackupCopy backup, NodeOperations.Pending<Written> copy, long deadline) {
		try {
			Written copied = this.operations.finish(copy, this.operations.backupDeadline(deadline));
			if (copied != null && copied.isStored()) {
				this.operations.cas(backup.node(), key, copied.cas(), this.items.expiry(backup.entry()), backup.item());
			}
		}
		catch (MemcachedStoreException ex) {
			logger.debug("Copy of session '" + key + "' not given back to its backup node: " + ex.getMessage());
		}
	}

	/**
	 * The copy a node answered a check with, when it is newer than the base of a write: a
	 * tombstone, or a higher revision. Decoded only when it may be: a copy of the base's revision
	 * or lower whose header is not a tombstone's is not (the revision is in the item's flags).
	 */
	private @Nullable Copy newerThan(int baseRevision, int node, String key, @Nullable Stored held) {
		if (held == null
				|| (held.item().revision() <= baseRevision && !SessionCodec.mayBeTombstone(held.item().data()))) {
			return null;
		}
		Copy copy = toCopy(node, key, held);
		return (copy != null && copy.entry() != null && (copy.isTombstone() || copy.item().revision() > baseRevision))
				? copy : null;
	}

	/**
	 * The nodes besides the one written that a read of the key asks: its next answering node,
	 * and while the key's nodes settle its other settling nodes.
	 */
	private List<Integer> checkedNodes(String key, int written) {
		if (!this.backup) {
			return List.of();
		}
		if (!this.cluster.isSettled(key)) {
			List<Integer> others = new ArrayList<>(this.cluster.settlingNodesFor(key));
			others.remove(Integer.valueOf(written));
			return others;
		}
		for (Integer node : this.cluster.answeringNodesFor(key)) {
			if (node != written) {
				return List.of(node);
			}
		}
		return List.of();
	}

	/**
	 * Give a tombstone found on another node back to the node written over by {@link #replace},
	 * by compare-and-set on the CAS value of that write; a failure is only logged.
	 */
	void restoreTombstone(String key, int node, long cas, Copy tombstone) {
		try {
			this.operations.cas(node, key, cas, this.items.expiry(tombstone.entry()), tombstone.item());
		}
		catch (RuntimeException ex) {
			logger.debug("Tombstone of session '" + key + "' not copied back: " + ex.getMessage());
		}
	}

	/**
	 * Send the bytes written on a key's node to the next answering node, without waiting, unless
	 * the write stored them there already; while the key's nodes are settling, to its other
	 * settling nodes, and wait for them. A home node this instance does not see answering is sent
	 * them too, and so are the nodes that did not answer the check of the write in time, without
	 * waiting: a frozen node applies them when it resumes.
	 */
	private void replicate(String key, int written, int expiry, Item item, List<Integer> unanswered,
			boolean backupWritten) {
		if (this.backup) {
			List<Integer> answering = this.cluster.answeringNodesFor(key);
			for (Integer home : this.cluster.homeNodesFor(key, true)) {
				if (home != written && !answering.contains(home)) {
					this.cluster.backup(home, key, expiry, item);
				}
			}
			if (!this.cluster.isSettled(key)) {
				copyTo(this.cluster.settlingNodesFor(key), key, written, expiry, item);
			}
			else if (!backupWritten) {
				for (Integer node : this.cluster.answeringNodesFor(key)) {
					if (node != written) {
						this.cluster.backup(node, key, expiry, item);
						break;
					}
				}
			}
		}
		for (Integer node : unanswered) {
			this.cluster.backup(node, key, expiry, item);
		}
	}

	/**
	 * Write a tombstone on a key's primary node, waiting for it, and replicate it: see
	 * {@link #replicateTombstone}.
	 * @throws MemcachedStoreException if the primary refused the write
	 */
	void writeTombstone(String key, SessionEntry tombstone, Item item) {
		int primary = primaryOf(key);
		this.operations.set(primary, key, this.items.expiry(tombstone), item);
		replicateTombstone(key, primary, tombstone, item);
	}

	/**
	 * Send a tombstone written on a key's node to every other answering node, and wait for them:
	 * a copy of the session left on a node that is neither primary nor backup (written there while
	 * the nodes settled, or while the primary and backup were down) must not outlive its deletion.
	 */
	void replicateTombstone(String key, int written, SessionEntry tombstone, Item item) {
		if (this.backup) {
			copyTo(this.cluster.answeringNodesFor(key), key, written, this.items.expiry(tombstone), item);
			handOffToSilentNodes(key, tombstone, item);
		}
	}

	/**
	 * Hold a tombstone for each node that does not answer now, to be written on it before it
	 * serves requests again: a node that missed a logout must not answer with the session when it
	 * returns, whoever reads it.
	 */
	private void handOffToSilentNodes(String key, SessionEntry tombstone, Item item) {
		List<Integer> answering = this.cluster.answeringNodesFor(key);
		Duration maxInactive = tombstone.getMaxInactiveInterval();
		Instant expiresAt = maxInactive.isNegative() ? null : tombstone.getLastAccessedTime().plus(maxInactive);
		for (int node = 0; node < this.cluster.size(); node++) {
			if (!answering.contains(node)) {
				this.cluster.handOff(node, key, expiresAt, item);
			}
		}
	}

	/**
	 * Write the bytes written on a key's node to other nodes at once, and wait for them within
	 * one operation timeout: another instance, which may not have noticed the last change of a
	 * node yet, reads the key from the nodes it sees answering, and must find this write on one
	 * of them.
	 */
	private void copyTo(List<Integer> nodes, String key, int written, int expiry, Item item) {
		long deadline = this.operations.deadline();
		List<NodeOperations.Pending<Written>> copies = new ArrayList<>();
		for (Integer node : nodes) {
			if (node != written) {
				copies.add(this.operations.startSet(node, key, expiry, item));
			}
		}
		for (NodeOperations.Pending<Written> copy : copies) {
			try {
				this.operations.finish(copy, this.operations.backupDeadline(deadline));
			}
			catch (MemcachedStoreException ex) {
				logger.debug("Copy of session '" + key + "' not written: " + ex.getMessage());
			}
		}
	}

	/**
	 * Delete a key from its primary, waiting for it, and from its backup without waiting: the
	 * copies of a session that can no longer be written must not be served. A failure is only
	 * logged.
	 */
	void deleteStaleCopy(String key) {
		try {
			List<Integer> nodes = answeringNodes(key);
			this.operations.delete(nodes.get(0), key);
			if (this.backup && nodes.size() > 1) {
				this.operations.sendDelete(nodes.get(1), key);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not delete the stale copy of session '" + key + "'", ex);
		}
	}

	/**
	 * The generations of the data of a key's home nodes (its primary, and with backups its backup
	 * node, on the ring), {@code node:generation} joined by commas, which change when one of them
	 * restarts empty: as last read, or read again from the home nodes that answer.
	 * @return the generations, or {@code null} when a home node's is not known
	 */
	@Nullable String generationsOf(String key, boolean readAgain) {
		StringBuilder generations = new StringBuilder();
		for (Integer node : this.cluster.homeNodesFor(key, this.backup)) {
			String generation = this.cluster.generationOf(node, readAgain);
			if (generation == null) {
				return null;
			}
			generations.append((generations.length() > 0) ? "," : "").append(node).append(':').append(generation);
		}
		return generations.toString();
	}

	/**
	 * The answering nodes of a key, primary first, or a failure when none answers.
	 */
	private List<Integer> answeringNodes(String key) {
		List<Integer> nodes = this.cluster.answeringNodesFor(key);
		if (nodes.isEmpty()) {
			if (!this.cluster.isDown()) {
				throw new MemcachedUnavailableException("Memcached operation on '" + key + "' not attempted: no node "
						+ "answers (each failed moments ago and is being probed) " + this.cluster.getNodes(), null, true);
			}
			throw new MemcachedUnavailableException("Memcached operation on '" + key + "' not attempted: every node "
					+ "is down " + this.cluster.getNodes(), null);
		}
		return nodes;
	}

	private static boolean isSame(@Nullable Copy copy, Copy other) {
		return copy != null && Arrays.equals(copy.data(), other.data());
	}

	private static boolean isNewer(Copy candidate, Copy than) {
		SessionEntry entry = candidate.entry();
		SessionEntry other = than.entry();
		if (entry != null && other != null && entry.isTombstone() != other.isTombstone()) {
			return entry.isTombstone();
		}
		return candidate.item().revision() > than.item().revision();
	}

	/**
	 * A copy of an item read from a node.
	 * @param node the node
	 * @param cas its CAS value on that node
	 * @param item its bytes and revision
	 * @param entry its entry, {@code null} when unreadable
	 * @param backup the same copy on the key's backup node, with that node's CAS value, when the
	 * read found it there, else {@code null}
	 */
	record Copy(int node, long cas, Item item, @Nullable SessionEntry entry, @Nullable BackupCopy backup) {

		Copy(int node, long cas, Item item, @Nullable SessionEntry entry) {
			this(node, cas, item, entry, null);
		}

		/**
		 * This copy, held the same by the key's backup node as the given copy.
		 */
		Copy withBackup(Copy same) {
			return new Copy(this.node, this.cas, this.item, this.entry, same.asBackup());
		}

		/**
		 * This copy, as the copy a key's backup node holds; only a readable copy is one.
		 */
		@Nullable BackupCopy asBackup() {
			return (this.entry != null) ? new BackupCopy(this.node, this.cas, this.item, this.entry) : null;
		}

		byte[] data() {
			return this.item.data();
		}

		boolean isTombstone() {
			return this.entry != null && this.entry.isTombstone();
		}

	}

	/**
	 * The outcome of a write by {@link #replace}.
	 * @param written the outcome on the node written
	 * @param newer the newest copy of another node that the write had not seen, if any
	 * @param unanswered the nodes that did not answer the check in time
	 * @param backup the copy the write stored on the key's backup node, with its CAS value there,
	 * {@code null} when it did not: the item is then replicated as after any write
	 */
	record Replaced(Written written, @Nullable Copy newer, List<Integer> unanswered, @Nullable BackupCopy backup) {

		Replaced(Written written, @Nullable Copy newer, List<Integer> unanswered) {
			this(written, newer, unanswered, null);
		}

	}

	/**
	 * What the nodes asked for a key answered: per node in the order asked, its copy or
	 * {@code null} for a miss; the first failure of the others.
	 */
	private static final class Copies {

		private final Map<Integer, @Nullable Copy> reads = new LinkedHashMap<>();

		private @Nullable MemcachedUnavailableException failure;

		private int failures;

		void answered(int node, @Nullable Copy copy) {
			this.reads.put(node, copy);
		}

		int failures() {
			return this.failures;
		}

		void failed(MemcachedUnavailableException ex) {
			this.failures++;
			if (this.failure == null) {
				this.failure = ex;
			}
		}

		void addAll(Copies others) {
			this.reads.putAll(others.reads);
			if (others.failure != null && this.failure == null) {
				this.failure = others.failure;
			}
			this.failures += others.failures;
		}

		boolean anyAnswered() {
			return !this.reads.isEmpty();
		}

		boolean answered(int node) {
			return this.reads.containsKey(node);
		}

		@Nullable Copy of(int node) {
			return this.reads.get(node);
		}

		boolean noneFound() {
			return this.reads.values().stream().allMatch(Objects::isNull);
		}

		@Nullable Copy first() {
			return this.reads.values().iterator().next();
		}

		/**
		 * The readable copy that wins, {@code null} when none is readable.
		 */
		@Nullable Copy newest() {
			Copy newest = null;
			for (Copy copy : this.reads.values()) {
				if (copy != null && copy.entry() != null && (newest == null || isNewer(copy, newest))) {
					newest = copy;
				}
			}
			return newest;
		}

		@Nullable Copy withBytes(byte[] data) {
			for (Copy copy : this.reads.values()) {
				if (copy != null && Arrays.equals(copy.data(), data)) {
					return copy;
				}
			}
			return null;
		}

		MemcachedUnavailableException failure() {
			Assert.state(this.failure != null, "A node that did not answer failed");
			return this.failure;
		}

	}

}
