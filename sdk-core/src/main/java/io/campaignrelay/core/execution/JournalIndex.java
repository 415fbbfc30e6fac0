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
 * campaign + customer, a state and a time in seconds, in open-addressing arrays (21 bytes per slot,
 * the slots 50% to 75% full, so 28 to 42 bytes per recipient: a million-recipient campaign costs
 * ~32 MB, not the ~250 MB of a map of entry objects). A 128-bit collision, the only way two
 * recipients could be confused, has a probability below 10^-26 for a billion recipients. PENDING
 * entries are kept whole instead, since resume needs them, in a small table of their own on the
 * same bits (a recipient is PENDING only while its batch is in flight or its outcome is unknown),
 * and only there: the large table takes a recipient at its first final state, so a send costs one
 * probe of the large table, not two. A PENDING entry is the recipient's latest, whatever the large
 * table still holds of an earlier state. Not thread-safe: callers synchronize.
 *
 * <p>The large table is segmented (extendible hashing), so that no array it allocates is ever
 * large: a directory indexed by the top bits of a key's first half points to segments, each an
 * open-addressing table of its own of at most {@value #MAX_SEGMENT_CAPACITY} slots (its largest
 * array, the keys, 256 KiB). One table whose arrays grew as a whole made every array of 512 KiB or
 * more a humongous allocation under G1 with 1 MB regions (a 256 MB heap): 20 of them, 89 MB in all,
 * in a 1M-recipient run, where concurrent cycles started; and each growth rehashed the whole table
 * at once. A segment grows by half up to its maximum, and a full maximum segment splits in two by
 * the next bit of the key (doubling the directory when it has no bit left to tell them apart), so
 * growing rehashes one segment, at most 12,288 keys. A split segment's halves start 56% full and
 * grow to the maximum at 75%, so with digests every segment stays 50% to 75% full. A lookup reads
 * the directory and then one segment: one array more than a single table.
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

  private static final int INITIAL_CAPACITY = 1024;

  /**
   * The slots of a full segment: its keys are a long[32768] (256 KiB), half the size at which G1
   * allocates an array as humongous in its smallest (1 MB) regions.
   */
  static final int MAX_SEGMENT_CAPACITY = 16_384;

  /**
   * The directory's most bits: 2^30 references. It is 2^depth references (4 or 8 bytes each), so it
   * stays under 256 KiB up to 2^15 or 2^16 segments, i.e. some 300 to 600 million recipients; only
   * at sizes beyond any campaign would it itself become a humongous array.
   */
  private static final int MAX_DEPTH = 30;

  /** A directory that may always double (4 or 8 KiB). */
  private static final int MIN_DIRECTORY = 1024;

  /**
   * One open-addressing table with linear probing over {@code capacity} slots (not a power of two:
   * a segment grows by half, not by doubling). Slot s keeps its key's two halves side by side,
   * keys[2s] and keys[2s + 1], so that comparing a key reads one cache line. Its keys share the top
   * {@code depth} bits of their first half.
   */
  private static final class Segment {
    final int depth;
    int capacity;
    long[] keys;
    byte[] states; // 0 = empty slot, else ordinal + 1
    int[] seconds;
    int size;

    Segment(int depth, int capacity) {
      this.depth = depth;
      this.capacity = capacity;
      this.keys = new long[2 * capacity];
      this.states = new byte[capacity];
      this.seconds = new int[capacity];
    }

    /** The slot of a key: where it is, else the empty slot where it goes. */
    int find(long h, long l) {
      // the key's top 32 bits of `l` scaled to the capacity (the bits are uniform: a digest's, and
      // independent of the bits of `h` that chose the segment)
      int slot = (int) (((l >>> 32) * capacity) >>> 32);
      byte[] st = states;
      long[] k = keys;
      while (st[slot] != 0 && (k[2 * slot] != h || k[2 * slot + 1] != l)) {
        if (++slot == capacity) {
          slot = 0;
        }
      }
      return slot;
    }

    /** Whether the next key would take it past three quarters full. */
    boolean full() {
      return size * 4L >= capacity * 3L;
    }

    /** Sets a key known to be absent (rehashing). */
    void insert(long h, long l, byte state, int second) {
      int slot = find(h, l);
      keys[2 * slot] = h;
      keys[2 * slot + 1] = l;
      states[slot] = state;
      seconds[slot] = second;
      size++;
    }
  }

  // Segment i of the directory takes the keys whose first half starts with the `depth` bits i (the
  // keys are digests: uniform); a segment of local depth d < depth fills 2^(depth - d) entries in a
  // row. The global depth is at least 1, so that `h >>> shift` never shifts by 64.
  private Segment[] directory;
  private int depth = 1;
  private int shift = 63;
  private int size;
  private int segments = 1;
  private int capacity;
  private final BitsTable<JournalEntry> pending = new BitsTable<>();

  JournalIndex() {
    Segment s = new Segment(0, INITIAL_CAPACITY);
    directory = new Segment[] {s, s};
    capacity = INITIAL_CAPACITY;
  }

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
            Segment s = segment(h);
            if (s.states[s.find(h, l)] == 0) {
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
    Segment s = segment(h);
    while (s.full()) {
      expand(s);
      s = segment(h);
    }
    int slot = s.find(h, l);
    if (s.states[slot] == 0) {
      s.size++;
      size++;
      s.keys[2 * slot] = h;
      s.keys[2 * slot + 1] = l;
    }
    s.states[slot] = (byte) (e.state().ordinal() + 1);
    s.seconds[slot] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, e.at().getEpochSecond()));
  }

  Optional<JournalEntry> get(CampaignId campaignId, CustomerId customerId) {
    return get(campaignId, customerId, hash(campaignId, customerId));
  }

  Optional<JournalEntry> get(CampaignId campaignId, CustomerId customerId, long[] k) {
    JournalEntry p = pending.get(k[0], k[1]);
    if (p != null) {
      return Optional.of(p);
    }
    Segment s = segment(k[0]);
    int slot = s.find(k[0], k[1]);
    if (s.states[slot] == 0) {
      return Optional.empty();
    }
    return Optional.of(
        JournalEntry.of(
            campaignId,
            customerId,
            STATES[s.states[slot] - 1],
            Instant.ofEpochSecond(Integer.toUnsignedLong(s.seconds[slot])),
            ""));
  }

  boolean isDone(CampaignId campaignId, CustomerId customerId) {
    long[] k = hash(campaignId, customerId);
    if (pending.contains(k[0], k[1])) {
      return false; // PENDING is the latest state, and it is not done
    }
    Segment s = segment(k[0]);
    int slot = s.find(k[0], k[1]);
    return s.states[slot] != 0 && STATES[s.states[slot] - 1].isDone();
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

  /** The segment a key belongs to. */
  private Segment segment(long h) {
    return directory[(int) (h >>> shift)];
  }

  /** The recipients of the large table (tests: its load). */
  int tableSize() {
    return size;
  }

  /**
   * The slots of all segments (tests: the load stays between a half and three quarters once the
   * first segment has grown).
   */
  int capacity() {
    return capacity;
  }

  /** The segments of the large table (tests: that it split). */
  int segmentCount() {
    return segments;
  }

  /**
   * The bytes of the largest array the large table holds, the directory's included (tests: none is
   * humongous). An array counts a 16-byte header and 8 bytes a reference (4 with compressed oops).
   */
  long largestArrayBytes() {
    long max = 16 + 8L * directory.length;
    for (int i = 0; i < directory.length; i++) {
      Segment s = directory[i];
      if (i == 0 || s != directory[i - 1]) {
        max = Math.max(max, 16 + 8L * s.keys.length);
        max = Math.max(max, 16 + 4L * s.seconds.length);
        max = Math.max(max, 16 + (long) s.states.length);
      }
    }
    return max;
  }

  /** Makes room in a full segment: it grows by half, or splits at its maximum. */
  private void expand(Segment s) {
    if (s.capacity < MAX_SEGMENT_CAPACITY) {
      resize(s, Math.min(MAX_SEGMENT_CAPACITY, s.capacity + (s.capacity >> 1)));
    } else if (splittable(s)) {
      split(s);
    } else {
      // Its keys share too many leading bits to split: not digests (a host's own keys in the
      // derived form), or beyond any campaign. The segment outgrows its maximum rather than the
      // directory doubling for keys it cannot tell apart.
      resize(s, s.capacity + (s.capacity >> 1));
    }
  }

  private void resize(Segment s, int n) {
    long[] oldKeys = s.keys;
    byte[] oldStates = s.states;
    int[] oldSeconds = s.seconds;
    int oldCapacity = s.capacity;
    s.keys = new long[2 * n];
    s.states = new byte[n];
    s.seconds = new int[n];
    s.capacity = n;
    s.size = 0;
    for (int i = 0; i < oldCapacity; i++) {
      if (oldStates[i] != 0) {
        s.insert(oldKeys[2 * i], oldKeys[2 * i + 1], oldStates[i], oldSeconds[i]);
      }
    }
    capacity += n - oldCapacity;
  }

  /**
   * Whether a segment may split: its keys differ within the first MAX_DEPTH bits of their first
   * half, and the directory need not double or may (see {@link #mayDouble()}).
   */
  private boolean splittable(Segment s) {
    if (s.depth == depth && !mayDouble()) {
      return false;
    }
    long first = 0;
    long diff = 0;
    boolean any = false;
    for (int i = 0; i < s.capacity; i++) {
      if (s.states[i] != 0) {
        long h = s.keys[2 * i];
        if (!any) {
          first = h;
          any = true;
        }
        diff |= h ^ first;
      }
    }
    return Long.numberOfLeadingZeros(diff) < MAX_DEPTH;
  }

  /**
   * Whether the directory may double: below MAX_DEPTH bits, and small, or with fewer than 8 entries
   * a segment. Digests are uniform (one entry a segment); only keys that are not (a host's own in
   * the derived form) could share so many leading bits that splitting their segment would need a
   * directory many times the number of segments, and their segment then outgrows its maximum
   * instead.
   */
  private boolean mayDouble() {
    return depth < MAX_DEPTH && directory.length < Math.max(MIN_DIRECTORY, 8L * segments);
  }

  /** Splits a segment in two by the next bit of its keys' first half. */
  private void split(Segment s) {
    segments++;
    if (s.depth == depth) {
      Segment[] d = new Segment[2 * directory.length];
      for (int i = 0; i < directory.length; i++) {
        d[2 * i] = directory[i];
        d[2 * i + 1] = directory[i];
      }
      directory = d;
      depth++;
      shift--;
    }
    int ones = 0;
    long anyH = 0;
    for (int i = 0; i < s.capacity; i++) {
      if (s.states[i] != 0) {
        anyH = s.keys[2 * i];
        if ((anyH << s.depth) < 0) { // the bit after the segment's own
          ones++;
        }
      }
    }
    Segment zero = new Segment(s.depth + 1, splitCapacity(s.size - ones));
    Segment one = new Segment(s.depth + 1, splitCapacity(ones));
    for (int i = 0; i < s.capacity; i++) {
      if (s.states[i] != 0) {
        long h = s.keys[2 * i];
        ((h << s.depth) < 0 ? one : zero).insert(h, s.keys[2 * i + 1], s.states[i], s.seconds[i]);
      }
    }
    // the run of directory entries the segment filled: its first half now the zero bit's
    int span = 1 << (depth - s.depth);
    int start = (int) (anyH >>> shift) & -span;
    for (int i = 0; i < span; i++) {
      directory[start + i] = i < span / 2 ? zero : one;
    }
    capacity += zero.capacity + one.capacity - s.capacity;
  }

  /** The slots of a split segment's half of n keys: 56% full, growing to the maximum at 75%. */
  private static int splitCapacity(int n) {
    return (int) Math.max(INITIAL_CAPACITY, Math.min(MAX_SEGMENT_CAPACITY, n * 16L / 9 + 1));
  }
}
