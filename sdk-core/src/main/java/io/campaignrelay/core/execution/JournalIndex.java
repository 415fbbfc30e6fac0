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
 * campaign + customer, a state and a time in seconds, in open-addressing arrays (about 40 bytes per
 * recipient at most, so a million-recipient campaign costs ~40 MB, not the ~250 MB of a map of
 * entry objects). A 128-bit collision, the only way two recipients could be confused, has a
 * probability below 10^-26 for a billion recipients. PENDING entries are also kept whole, since
 * resume needs them, in a small table of their own on the same bits (a recipient is PENDING only
 * while its batch is in flight or its outcome is unknown). Not thread-safe: callers synchronize.
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

  private long[] hi = new long[1024];
  private long[] lo = new long[1024];
  private byte[] states = new byte[1024]; // 0 = empty slot, else ordinal + 1
  private int[] seconds = new int[1024];
  private int size;
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

  int size() {
    return size;
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
    if (size * 10L >= hi.length * 7L) {
      grow();
    }
    int slot = find(h, l);
    if (states[slot] == 0) {
      size++;
      hi[slot] = h;
      lo[slot] = l;
    }
    states[slot] = (byte) (e.state().ordinal() + 1);
    seconds[slot] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, e.at().getEpochSecond()));
    if (e.state() == RecipientState.PENDING) {
      pending.put(h, l, e);
    } else {
      pending.remove(h, l);
    }
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

  private int find(long h, long l) {
    int mask = hi.length - 1;
    int slot = (int) (l ^ (l >>> 32)) & mask;
    while (states[slot] != 0 && (hi[slot] != h || lo[slot] != l)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oh = hi;
    long[] ol = lo;
    byte[] os = states;
    int[] osec = seconds;
    int n = oh.length * 2;
    hi = new long[n];
    lo = new long[n];
    states = new byte[n];
    seconds = new int[n];
    for (int i = 0; i < oh.length; i++) {
      if (os[i] != 0) {
        int slot = find(oh[i], ol[i]);
        hi[slot] = oh[i];
        lo[slot] = ol[i];
        states[slot] = os[i];
        seconds[slot] = osec[i];
      }
    }
  }
}
