package io.campaignrelay.core.execution;

import java.util.HashSet;
import java.util.Set;

/**
 * A set of idempotency keys: keys with {@linkplain IdempotencyKey#hasBits() bits} (every derived
 * key) in a {@link BitsTable}, allocating nothing per key, others in a hash set made on first use.
 * Not thread-safe.
 */
final class KeySet {
  private final BitsTable<Boolean> bits = new BitsTable<>();
  private Set<IdempotencyKey> others;

  boolean contains(IdempotencyKey k) {
    if (k.hasBits()) {
      return bits.contains(k.hi(), k.lo());
    }
    return others != null && others.contains(k);
  }

  void add(IdempotencyKey k) {
    if (k.hasBits()) {
      bits.put(k.hi(), k.lo(), Boolean.TRUE);
    } else {
      if (others == null) {
        others = new HashSet<>();
      }
      others.add(k);
    }
  }

  void remove(IdempotencyKey k) {
    if (k.hasBits()) {
      bits.remove(k.hi(), k.lo());
    } else if (others != null) {
      others.remove(k);
    }
  }

  int size() {
    return bits.size() + (others == null ? 0 : others.size());
  }
}
