package io.campaignrelay.core.execution;

/**
 * A set of 64-bit recipient fingerprints (open addressing, linear probing), used by one run to
 * notice a target row that repeats. It stops growing at a cap, after which {@link #add(long)}
 * answers true for every unseen value (a repeat is then caught only by the journal's done state).
 * Not thread-safe.
 *
 * <p>The set is segmented (extendible hashing), so that no array it allocates is ever large: each
 * value is mixed (a bijection of the 64 bits), the top bits of the mixed value choose a segment
 * through a directory and its low bits the slot within it, and each segment is a table of its own
 * of at most {@value #MAX_SEGMENT_CAPACITY} slots (a long[] of 256 KiB). One table that grew by
 * doubling made every array of 512 KiB or more a humongous allocation under G1 with 1 MB regions (a
 * 256 MB heap): 6 of them, 32 MB in all, in a 1M-recipient run; and each growth rehashed the whole
 * set at once. A segment doubles up to its maximum, and a full maximum segment splits in two by the
 * next bit of the mixed values (doubling the directory when it has no bit left to tell them apart),
 * so growing rehashes one segment. Every segment is 37.5% to 75% full, as the single table was, so
 * a fingerprint costs the same 11 to 21 bytes. A set sized for an expected count makes its segments
 * at once. A lookup reads the directory and then one segment: one array more than a single table.
 */
final class FingerprintSet {
  private static final long EMPTY = 0L;
  private static final int MIN_SEGMENT_CAPACITY = 1024;

  /**
   * The slots of a full segment (a power of two): a long[32768] is 256 KiB, half the size at which
   * G1 allocates an array as humongous in its smallest (1 MB) regions.
   */
  static final int MAX_SEGMENT_CAPACITY = 32_768;

  /**
   * The directory's most bits. It is 2^depth references (4 or 8 bytes each): under 256 KiB up to
   * 2^15 or 2^16 segments, i.e. some 500 million to a billion fingerprints; only at sizes beyond
   * any campaign would it itself become a humongous array.
   */
  private static final int MAX_DEPTH = 30;

  /** A directory that may always double (4 or 8 KiB). */
  private static final int MIN_DIRECTORY = 1024;

  /** The most slots a set is sized for at once (as the single table was). */
  private static final long MAX_PRESIZED = 1L << 30;

  /**
   * One table over a power of two of slots, holding mixed values (0 = empty: only 0 mixes to 0, and
   * it is kept apart). Its values share the top {@code depth} bits.
   */
  private static final class Segment {
    final int depth;
    long[] slots;
    int size;

    Segment(int depth, int capacity) {
      this.depth = depth;
      this.slots = new long[capacity];
    }

    /** Sets a mixed value known to be absent (rehashing). */
    void insert(long m) {
      long[] s = slots;
      int mask = s.length - 1;
      int i = (int) m & mask;
      while (s[i] != EMPTY) {
        i = (i + 1) & mask;
      }
      s[i] = m;
      size++;
    }
  }

  private final int maxSize;
  // Segment i of the directory takes the mixed values whose top `depth` bits are i; a segment of
  // local depth d < depth fills 2^(depth - d) entries in a row. The global depth is at least 1, so
  // that `m >>> shift` never shifts by 64.
  private Segment[] directory;
  private int depth;
  private int shift;
  private int size;
  private int segments = 1;
  private boolean zeroSeen;
  private boolean overflowed;

  FingerprintSet(int maxSize) {
    this(maxSize, 0);
  }

  /**
   * A set sized at once for the values expected (at most {@code maxSize}), so that it does not grow
   * step by step while they arrive: as many segments as that takes, made up front, each no larger
   * than {@value #MAX_SEGMENT_CAPACITY} slots.
   */
  FingerprintSet(int maxSize, long expected) {
    this.maxSize = maxSize;
    long want = Math.min(Math.max(0, expected), maxSize) * 4 / 3 + 1;
    long total = MIN_SEGMENT_CAPACITY;
    while (total < want && total < MAX_PRESIZED) {
      total <<= 1;
    }
    if (total <= MAX_SEGMENT_CAPACITY) {
      Segment s = new Segment(0, (int) total);
      directory = new Segment[] {s, s};
      depth = 1;
    } else {
      int n = (int) (total / MAX_SEGMENT_CAPACITY);
      depth = Integer.numberOfTrailingZeros(n);
      directory = new Segment[n];
      for (int i = 0; i < n; i++) {
        directory[i] = new Segment(depth, MAX_SEGMENT_CAPACITY);
      }
      segments = n;
    }
    shift = 64 - depth;
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
    long m = mix(v);
    Segment seg = directory[(int) (m >>> shift)];
    long[] slots = seg.slots;
    int mask = slots.length - 1;
    int i = (int) m & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == m) {
        return false;
      }
      i = (i + 1) & mask;
    }
    if (size >= maxSize) {
      overflowed = true;
      return true;
    }
    slots[i] = m;
    seg.size++;
    size++;
    if (seg.size * 4L > slots.length * 3L) {
      expand(seg);
    }
    return true;
  }

  int size() {
    return size;
  }

  /** Whether a value was let through without being remembered (the set was full). */
  boolean overflowed() {
    return overflowed;
  }

  /** The segments (tests: that the set split, or was made at once). */
  int segmentCount() {
    return segments;
  }

  /**
   * The bytes of the largest array the set holds, the directory's included (tests: none is
   * humongous). An array counts a 16-byte header and 8 bytes a reference (4 with compressed oops).
   */
  long largestArrayBytes() {
    long max = 16 + 8L * directory.length;
    for (Segment s : directory) {
      max = Math.max(max, 16 + 8L * s.slots.length);
    }
    return max;
  }

  /** Makes room in a segment past three quarters full: it doubles, or splits at its maximum. */
  private void expand(Segment s) {
    if (s.slots.length < MAX_SEGMENT_CAPACITY || !splittable(s)) {
      // (past the maximum only when its values share too many leading mixed bits to split: values
      // chosen against the mix, or beyond any campaign; the segment outgrows its maximum rather
      // than the directory doubling for values it cannot tell apart)
      resize(s, s.slots.length * 2);
    } else {
      split(s);
    }
  }

  private static void resize(Segment s, int n) {
    long[] old = s.slots;
    s.slots = new long[n];
    s.size = 0;
    for (long m : old) {
      if (m != EMPTY) {
        s.insert(m);
      }
    }
  }

  /**
   * Whether a segment may split: its values differ within their top MAX_DEPTH mixed bits, and the
   * directory need not double or may (see {@link #mayDouble()}).
   */
  private boolean splittable(Segment s) {
    if (s.depth == depth && !mayDouble()) {
      return false;
    }
    long first = 0;
    long diff = 0;
    for (long m : s.slots) {
      if (m != EMPTY) {
        if (first == EMPTY) {
          first = m;
        }
        diff |= m ^ first;
      }
    }
    return Long.numberOfLeadingZeros(diff) < MAX_DEPTH;
  }

  /**
   * Whether the directory may double: below MAX_DEPTH bits, and small, or with fewer than 8 entries
   * a segment. Mixed values are uniform (one entry a segment); only values chosen against the mix
   * could share so many bits that splitting their segment would need a directory many times the
   * number of segments, and their segment then outgrows its maximum instead.
   */
  private boolean mayDouble() {
    return depth < MAX_DEPTH && directory.length < Math.max(MIN_DIRECTORY, 8L * segments);
  }

  /**
   * Splits a segment in two by the next bit of its mixed values, each half as large as the segment
   * (37.5% full), and as often as one half is still past three quarters full (values that share
   * more bits).
   */
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
    int n = s.slots.length;
    Segment zero = new Segment(s.depth + 1, n);
    Segment one = new Segment(s.depth + 1, n);
    long any = 0;
    for (long m : s.slots) {
      if (m != EMPTY) {
        any = m;
        ((m << s.depth) < 0 ? one : zero).insert(m); // the bit after the segment's own
      }
    }
    // the run of directory entries the segment filled: its first half now the zero bit's
    int span = 1 << (depth - s.depth);
    int start = (int) (any >>> shift) & -span;
    for (int i = 0; i < span; i++) {
      directory[start + i] = i < span / 2 ? zero : one;
    }
    for (Segment half : new Segment[] {zero, one}) {
      if (half.size * 4L > n * 3L) {
        expand(half);
      }
    }
  }

  /**
   * A bijection of the 64 bits (MurmurHash3's finalizer) that spreads any input over all of them,
   * so that the top bits (the segment) and the low bits (the slot) are independent. Only 0 mixes to
   * 0.
   */
  private static long mix(long v) {
    long h = v;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
