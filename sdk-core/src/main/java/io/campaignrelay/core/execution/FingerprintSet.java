package io.campaignrelay.core.execution;

/**
 * A set of 64-bit recipient fingerprints (open addressing, linear probing), used by one run to
 * notice a target row that repeats. It stops growing at a cap, after which {@link #add(long)}
 * answers true for every unseen value (a repeat is then caught only by the journal's done state).
 * Not thread-safe.
 */
final class FingerprintSet {
  private static final long EMPTY = 0L;
  private final int maxSize;
  private long[] slots;
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
    while (capacity < want && capacity < (1 << 30)) {
      capacity <<= 1;
    }
    this.slots = new long[capacity];
  }

  /**
   * Adds a fingerprint.
   *
   * @return false if it was already there; true if it is new (or the set is full)
   */
  boolean add(long v) {
    if (v == EMPTY) {
      if (zeroSeen) {
        return false;
      }
      zeroSeen = true;
      return true;
    }
    int mask = slots.length - 1;
    int i = mix(v) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == v) {
        return false;
      }
      i = (i + 1) & mask;
    }
    if (size >= maxSize) {
      overflowed = true;
      return true;
    }
    slots[i] = v;
    size++;
    if (size * 4L > slots.length * 3L) {
      grow();
    }
    return true;
  }

  /**
   * Reads the home slot of each of {@code values[from]} to {@code values[to - 1]}, so that a
   * following run of {@link #add(long)} over them finds those slots in cache: the reads here do not
   * depend on one another, and the processor overlaps their misses, which one {@code add} at a time
   * between other work cannot. Changes nothing in the set.
   */
  void warm(long[] values, int from, int to) {
    long[] s = slots;
    int mask = s.length - 1;
    long any = 0;
    for (int i = from; i < to; i++) {
      any |= s[mix(values[i]) & mask];
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
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long v : old) {
      if (v != EMPTY) {
        int i = mix(v) & mask;
        while (slots[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[i] = v;
      }
    }
  }

  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
