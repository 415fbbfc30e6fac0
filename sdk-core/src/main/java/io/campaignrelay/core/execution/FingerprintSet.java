package io.campaignrelay.core.execution;

/**
 * A set of 128-bit recipient fingerprints (two longs; open addressing, linear probing), used by one
 * run to notice a target row that repeats. The engine gives it a key's own 128 bits ({@link
 * IdempotencyKey#hi()} and {@link IdempotencyKey#lo()}), so that a value found there is the same
 * key, not a look-alike. It stops growing at a cap, after which {@link #offer(long, long)} answers
 * {@link #UNTRACKED} for every unseen value (a repeat is then caught by the run's own unsettled
 * keys and the journal's done state). Not thread-safe.
 */
final class FingerprintSet {
  /** {@link #offer(long, long)}: the value is new, and now remembered. */
  static final int ADDED = 1;

  /** {@link #offer(long, long)}: the value was there already. */
  static final int PRESENT = 0;

  /** {@link #offer(long, long)}: the value is new, but the set is full and did not keep it. */
  static final int UNTRACKED = -1;

  private final int maxSize;
  // Slot i keeps its value's halves at 2i and 2i + 1, and a byte of its value in tags[i] (0: the
  // slot is empty). A value new to the set, nearly every row's, is told apart by the tags alone: at
  // one byte a slot they are a sixteenth of the values' size (2 MiB for a million values, where
  // the values take 32), so a probe reads memory that is mostly in cache, and the value is then
  // written, which the processor does not wait for as it waits for a read.
  private long[] slots;
  private byte[] tags;
  private int size;
  private boolean zeroSeen;
  private boolean overflowed;
  private long warmSink;

  FingerprintSet(int maxSize) {
    this(maxSize, 0);
  }

  /**
   * A set sized at once for the values expected (at most {@code maxSize}), so that it does not grow
   * step by step while they arrive.
   */
  FingerprintSet(int maxSize, long expected) {
    this.maxSize = maxSize;
    long want = Math.min(Math.max(0, expected), maxSize) * 4 / 3 + 1;
    int capacity = 1024;
    while (capacity < want && capacity < (1 << 29)) {
      capacity <<= 1;
    }
    this.slots = new long[2 * capacity];
    this.tags = new byte[capacity];
  }

  /**
   * Adds a 64-bit fingerprint (its other half 0).
   *
   * @return false if it was already there; true if it is new (or the set is full)
   */
  boolean add(long v) {
    return offer(v, 0) != PRESENT;
  }

  /**
   * Adds a 128-bit value.
   *
   * @return {@link #ADDED}, {@link #PRESENT} or {@link #UNTRACKED}
   */
  int offer(long h, long l) {
    if (h == 0 && l == 0) {
      // Kept in a flag of its own (always: it takes no slot).
      if (zeroSeen) {
        return PRESENT;
      }
      zeroSeen = true;
      return ADDED;
    }
    long[] s = slots;
    byte[] t = tags;
    int mask = t.length - 1;
    byte tag = tag(h, l);
    int i = mix(h) & mask;
    for (byte x = t[i]; x != 0; x = t[i]) {
      if (x == tag && s[2 * i] == h && s[2 * i + 1] == l) {
        return PRESENT;
      }
      i = (i + 1) & mask;
    }
    if (size >= maxSize) {
      overflowed = true;
      return UNTRACKED;
    }
    t[i] = tag;
    s[2 * i] = h;
    s[2 * i + 1] = l;
    size++;
    if (size * 4L > t.length * 3L) {
      grow();
    }
    return ADDED;
  }

  /** A value's tag: a byte of its two halves mixed (not the bits that choose its slot), never 0. */
  static byte tag(long h, long l) {
    byte b = (byte) (((h ^ l) * 0xC2B2AE3D27D4EB4FL) >>> 56);
    return b == 0 ? 1 : b;
  }

  /**
   * Reads the home slot of each of {@code values[from]} to {@code values[to - 1]} (the first halves
   * of values about to be offered), so that a following run of {@link #offer(long, long)} over them
   * finds those slots in cache: the reads here do not depend on one another, and the processor
   * overlaps their misses, which one {@code offer} at a time between other work cannot. Changes
   * nothing in the set.
   */
  void warm(long[] values, int from, int to) {
    byte[] t = tags;
    int mask = t.length - 1;
    long any = 0;
    for (int i = from; i < to; i++) {
      any |= t[mix(values[i]) & mask];
    }
    warmSink = any; // keeps the reads from being optimized away
  }

  int size() {
    return size;
  }

  /** Whether a value was let through without being remembered (the set was full). */
  boolean overflowed() {
    return overflowed;
  }

  private void grow() {
    long[] old = slots;
    byte[] oldTags = tags;
    long[] s = new long[old.length * 2];
    byte[] t = new byte[oldTags.length * 2];
    int mask = t.length - 1;
    for (int j = 0; j < oldTags.length; j++) {
      if (oldTags[j] != 0) {
        long h = old[2 * j];
        int i = mix(h) & mask;
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = oldTags[j];
        s[2 * i] = h;
        s[2 * i + 1] = old[2 * j + 1];
      }
    }
    slots = s;
    tags = t;
  }

  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
