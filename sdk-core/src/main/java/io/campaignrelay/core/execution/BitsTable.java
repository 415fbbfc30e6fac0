package io.campaignrelay.core.execution;

/**
 * A map from 128-bit recipient keys (the two longs of {@link IdempotencyKey#hi()} and {@link
 * IdempotencyKey#lo()}) to non-null values: open addressing with linear probing, deleting by moving
 * later entries of a run back (no tombstones), so a put and then a remove allocate nothing. Not
 * thread-safe.
 */
final class BitsTable<V> {
  private long[] his = new long[64];
  private long[] los = new long[64];
  private Object[] entries = new Object[64];
  private int count;

  /** How many keys have a value. */
  int size() {
    return count;
  }

  private static int home(long l, int mask) {
    long m = l * 0x9E3779B97F4A7C15L;
    return (int) (m ^ (m >>> 32)) & mask;
  }

  private int slotOf(long h, long l) {
    int mask = entries.length - 1;
    int i = home(l, mask);
    while (entries[i] != null && (his[i] != h || los[i] != l)) {
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
      his[i] = h;
      los[i] = l;
      count++;
    }
    entries[i] = e;
    if (count * 4L > entries.length * 3L) {
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
      int k = home(los[j], mask);
      // entry j stays if its home lies cyclically in (i, j]
      boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (!stays) {
        his[i] = his[j];
        los[i] = los[j];
        entries[i] = entries[j];
        i = j;
      }
    }
    entries[i] = null;
    his[i] = 0;
    los[i] = 0;
    if (count == 0 && entries.length > 1024) {
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
        action.accept(his[i], los[i]);
      }
    }
  }

  private void resize(int n) {
    long[] oh = his;
    long[] ol = los;
    Object[] oe = entries;
    his = new long[n];
    los = new long[n];
    entries = new Object[n];
    for (int i = 0; i < oe.length; i++) {
      if (oe[i] != null) {
        int s = slotOf(oh[i], ol[i]);
        his[s] = oh[i];
        los[s] = ol[i];
        entries[s] = oe[i];
      }
    }
  }
}
