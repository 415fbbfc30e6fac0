package io.campaignrelay.core.execution;

/**
 * A map from 128-bit recipient keys (the two longs of {@link IdempotencyKey#hi()} and {@link
 * IdempotencyKey#lo()}) to non-null values: open addressing with linear probing (at most half
 * full), deleting by moving later entries of a run back (no tombstones), so a put and then a remove
 * allocate nothing. Not thread-safe.
 */
final class BitsTable<V> {
  // Slot s keeps its key's two halves side by side, keys[2s] and keys[2s + 1], so that a probe
  // reads one cache line of keys; the table is at most half full, so a lookup of a key that is not
  // there ends after about two probes (at three quarters full, linear probing takes about eight).
  // Emptied, a table of more slots than this goes back to 64 (a resume's thousands of PENDING
  // entries do not stay behind); a smaller one keeps its size, since it is filled and emptied
  // again at every batch (a few batches in flight take up to some thousands of slots), and
  // shrinking it each time made it grow again by doubling (~80 bytes allocated a recipient).
  private static final int SHRINK_ABOVE = 1 << 16;

  private long[] keys = new long[2 * 64];
  private Object[] entries = new Object[64];
  private int count;

  /** The number of slots (tests: when the table shrinks). */
  int capacity() {
    return entries.length;
  }

  /** How many keys have a value. */
  int size() {
    return count;
  }

  private static int home(long l, int mask) {
    long m = l * 0x9E3779B97F4A7C15L;
    return (int) (m ^ (m >>> 32)) & mask;
  }

  private int slotOf(long h, long l) {
    Object[] e = entries;
    long[] k = keys;
    int mask = e.length - 1;
    int i = home(l, mask);
    while (e[i] != null && (k[2 * i + 1] != l || k[2 * i] != h)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** The value of a key, or null. */
  @SuppressWarnings("unchecked")
  V get(long h, long l) {
    return count == 0 ? null : (V) entries[slotOf(h, l)];
  }

  /** Whether a key has a value. */
  boolean contains(long h, long l) {
    return count != 0 && entries[slotOf(h, l)] != null;
  }

  /** Sets a key's value (not null). */
  void put(long h, long l, V e) {
    int i = slotOf(h, l);
    if (entries[i] == null) {
      keys[2 * i] = h;
      keys[2 * i + 1] = l;
      count++;
    }
    entries[i] = e;
    if (count * 2L > entries.length) {
      resize(entries.length * 2);
    }
  }

  /** Removes a key, if there. */
  void remove(long h, long l) {
    if (count == 0) {
      return;
    }
    int i = slotOf(h, l);
    if (entries[i] == null) {
      return;
    }
    count--;
    int mask = entries.length - 1;
    // Move back every later entry of the run that may not stay behind the hole.
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (entries[j] == null) {
        break;
      }
      int k = home(keys[2 * j + 1], mask);
      // entry j stays if its home lies cyclically in (i, j]
      boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (!stays) {
        keys[2 * i] = keys[2 * j];
        keys[2 * i + 1] = keys[2 * j + 1];
        entries[i] = entries[j];
        i = j;
      }
    }
    entries[i] = null;
    keys[2 * i] = 0;
    keys[2 * i + 1] = 0;
    if (count == 0 && entries.length > SHRINK_ABOVE) {
      resize(64);
    }
  }

  /** Gives every value, in no order. */
  @SuppressWarnings("unchecked")
  void forEach(java.util.function.Consumer<? super V> action) {
    for (Object e : entries) {
      if (e != null) {
        action.accept((V) e);
      }
    }
  }

  /** The two halves of every key, in no order. */
  interface KeyConsumer {
    void accept(long h, long l);
  }

  /** Gives every key, in no order. */
  void forEachKey(KeyConsumer action) {
    for (int i = 0; i < entries.length; i++) {
      if (entries[i] != null) {
        action.accept(keys[2 * i], keys[2 * i + 1]);
      }
    }
  }

  private void resize(int n) {
    long[] ok = keys;
    Object[] oe = entries;
    keys = new long[2 * n];
    entries = new Object[n];
    for (int i = 0; i < oe.length; i++) {
      if (oe[i] != null) {
        int s = slotOf(ok[2 * i], ok[2 * i + 1]);
        keys[2 * s] = ok[2 * i];
        keys[2 * s + 1] = ok[2 * i + 1];
        entries[s] = oe[i];
      }
    }
  }
}
