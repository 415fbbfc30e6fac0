package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;

/**
 * The compact in-memory index behind both journals: per recipient a 128-bit SHA-256 prefix of
 * campaign + customer, a state, a time in seconds and a tag byte of the bits, in open-addressing
 * arrays (22 bytes per slot, 29 to 44 bytes per recipient as the table fills and grows by half, so
 * a million-recipient campaign costs ~32 MB, not the ~250 MB of a map of entry objects). A 128-bit
 * collision, the only way two recipients could be confused, has a probability below 10^-26 for a
 * billion recipients. PENDING entries are kept whole instead, since resume needs them, in a small
 * table of their own on the same bits (a recipient is PENDING only while its batch is in flight or
 * its outcome is unknown), and only there: the large table takes a recipient at its first final
 * state, so a send costs one probe of the large table, not two. A PENDING entry is the recipient's
 * latest, whatever the large table still holds of an earlier state. Not thread-safe: callers
 * synchronize.
 */
final class JournalIndex {
  private static final RecipientState[] STATES = RecipientState.values();
  private static final ThreadLocal<MessageDigest> SHA =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
          });

  // Open addressing with linear probing over `capacity` slots (not a power of two: the table grows
  // by half, not by doubling, so it is 50-75% full rather than 35-70%). Slot s keeps its key's two
  // halves side by side, keys[2s] and keys[2s + 1], so that comparing a key reads one cache line.
  private static final int INITIAL_CAPACITY = 1024;
  private int capacity = INITIAL_CAPACITY;
  private long[] keys = new long[2 * INITIAL_CAPACITY];
  private byte[] states = new byte[INITIAL_CAPACITY]; // 0 = empty slot, else ordinal + 1
  // A byte of each slot's key (see tag): a probe passes a slot of another key on the two byte
  // arrays alone, nearly always, without reading the keys, which are 16 times larger and seldom in
  // cache; a new key's slot is then only written.
  private byte[] tags = new byte[INITIAL_CAPACITY];
  private int[] seconds = new int[INITIAL_CAPACITY];
  private int size;
  private long warmSink;
  private final BitsTable<JournalEntry> pending = new BitsTable<>();

  static long[] hash(CampaignId campaignId, CustomerId customerId) {
    MessageDigest sha = SHA.get();
    sha.update(campaignId.value().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(customerId.value().getBytes(StandardCharsets.UTF_8));
    byte[] d = sha.digest();
    long h = 0;
    long l = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
      l = (l << 8) | (d[i + 8] & 0xff);
    }
    return new long[] {h, l};
  }

  /**
   * The 128 bits of a recipient: those a derived idempotency key ({@code cr1-} + the first 16 bytes
   * of the same digest, in hex) keeps, without hashing again, else computed.
   */
  static long[] bits(IdempotencyKey key, CampaignId campaignId, CustomerId customerId) {
    if (key.hasBits()) {
      return new long[] {key.hi(), key.lo()};
    }
    return hash(campaignId, customerId);
  }

  /** The recipients with an entry: those of the large table, and those only PENDING so far. */
  int size() {
    int onlyPending = 0;
    if (pending.size() > 0) {
      int[] n = {0};
      pending.forEachKey(
          (h, l) -> {
            if (states[find(h, l)] == 0) {
              n[0]++;
            }
          });
      onlyPending = n[0];
    }
    return size + onlyPending;
  }

  int pendingCount() {
    return pending.size();
  }

  void put(JournalEntry e) {
    // the same bits as bits(...), without the array: two writes per recipient
    IdempotencyKey k = e.idempotencyKey();
    long h;
    long l;
    if (k.hasBits()) {
      h = k.hi();
      l = k.lo();
    } else {
      long[] b = hash(e.campaignId(), e.customerId());
      h = b[0];
      l = b[1];
    }
    if (e.state() == RecipientState.PENDING) {
      // the latest entry until its outcome; the large table is written when that comes
      pending.put(h, l, e);
      return;
    }
    pending.remove(h, l);
    if (size * 4L >= capacity * 3L) {
      grow();
    }
    int slot = find(h, l);
    if (states[slot] == 0) {
      size++;
      keys[2 * slot] = h;
      keys[2 * slot + 1] = l;
      tags[slot] = tag(h, l);
    }
    states[slot] = (byte) (e.state().ordinal() + 1);
    seconds[slot] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, e.at().getEpochSecond()));
  }

  /**
   * Reads the home slots of the final entries about to be {@link #put}, so that the puts that
   * follow find them in cache: in a table of a million recipients each slot is a cache miss, and
   * these reads, independent of one another, overlap where one put at a time cannot. Changes
   * nothing.
   */
  void warm(java.util.List<JournalEntry> entries) {
    byte[] st = states;
    byte[] tg = tags;
    int c = capacity;
    long any = 0;
    for (int i = 0, n = entries.size(); i < n; i++) {
      JournalEntry e = entries.get(i);
      if (e == null) {
        continue; // refused by the put, with its message
      }
      IdempotencyKey key = e.idempotencyKey();
      if (key.hasBits() && e.state() != RecipientState.PENDING) {
        int slot = home(key.lo(), c);
        any += st[slot] + tg[slot];
      }
    }
    warmSink = any; // keeps the reads from being optimized away
  }

  Optional<JournalEntry> get(CampaignId campaignId, CustomerId customerId) {
    return get(campaignId, customerId, hash(campaignId, customerId));
  }

  Optional<JournalEntry> get(CampaignId campaignId, CustomerId customerId, long[] k) {
    JournalEntry p = pending.get(k[0], k[1]);
    if (p != null) {
      return Optional.of(p);
    }
    int slot = find(k[0], k[1]);
    if (states[slot] == 0) {
      return Optional.empty();
    }
    return Optional.of(
        JournalEntry.of(
            campaignId,
            customerId,
            STATES[states[slot] - 1],
            Instant.ofEpochSecond(Integer.toUnsignedLong(seconds[slot])),
            ""));
  }

  boolean isDone(CampaignId campaignId, CustomerId customerId) {
    long[] k = hash(campaignId, customerId);
    if (pending.contains(k[0], k[1])) {
      return false; // PENDING is the latest state, and it is not done
    }
    int slot = find(k[0], k[1]);
    return states[slot] != 0 && STATES[states[slot] - 1].isDone();
  }

  java.util.List<JournalEntry> pendingEntries(CampaignId campaignId) {
    java.util.List<JournalEntry> out = new java.util.ArrayList<>();
    pending.forEach(
        e -> {
          if (e.campaignId().equals(campaignId)) {
            out.add(e);
          }
        });
    out.sort(java.util.Comparator.comparing(e -> e.customerId().value()));
    return out;
  }

  /** The slot of a key: where it is, else the empty slot where it goes. */
  private int find(long h, long l) {
    return find(keys, states, tags, capacity, h, l);
  }

  /** A key's tag: a byte of its bits that does not choose its slot (any value, 0 included). */
  private static byte tag(long h, long l) {
    return (byte) (h >>> 56);
  }

  /** A key's first slot: the top 32 bits of {@code l} scaled to the capacity (a digest's bits). */
  private static int home(long l, int capacity) {
    return (int) (((l >>> 32) * capacity) >>> 32);
  }

  private static int find(long[] keys, byte[] states, byte[] tags, int capacity, long h, long l) {
    int slot = home(l, capacity);
    byte tag = tag(h, l);
    while (states[slot] != 0
        && (tags[slot] != tag || keys[2 * slot] != h || keys[2 * slot + 1] != l)) {
      if (++slot == capacity) {
        slot = 0;
      }
    }
    return slot;
  }

  /** The recipients of the large table (tests: its load). */
  int tableSize() {
    return size;
  }

  /** The number of slots (tests: the load stays between a half and three quarters). */
  int capacity() {
    return capacity;
  }

  private void grow() {
    long[] oldKeys = keys;
    byte[] oldStates = states;
    byte[] oldTags = tags;
    int[] oldSeconds = seconds;
    int oldCapacity = capacity;
    int n = oldCapacity + (oldCapacity >> 1);
    long[] k = new long[2 * n];
    byte[] st = new byte[n];
    byte[] tg = new byte[n];
    int[] sec = new int[n];
    for (int i = 0; i < oldCapacity; i++) {
      if (oldStates[i] != 0) {
        long h = oldKeys[2 * i];
        long l = oldKeys[2 * i + 1];
        int slot = find(k, st, tg, n, h, l);
        k[2 * slot] = h;
        k[2 * slot + 1] = l;
        tg[slot] = oldTags[i];
        st[slot] = oldStates[i];
        sec[slot] = oldSeconds[i];
      }
    }
    keys = k;
    states = st;
    tags = tg;
    seconds = sec;
    capacity = n;
  }
}
