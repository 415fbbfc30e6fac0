package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The run's repeat-detection set, segmented: every value it took is recognised however many
 * segments it split into, its cap holds across segments, a set sized for a count makes its segments
 * at once, and no array it holds is ever humongous for G1 (512 KiB or more).
 */
class FingerprintSetTest {

  /** G1's humongous size in its smallest (1 MB) regions: half a region. */
  private static final long HUMONGOUS = 512 * 1024;

  /** The most a segment's array may take: long[32768] and an array's header. */
  private static final long SEGMENT_ARRAY_MAX = 256 * 1024 + 16;

  /** Distinct, never 0, and as regular as values come: 1, 2, 3, ... */
  @Test
  void consecutiveValuesAreRememberedAcrossSegmentsAndAbsentOnesAreNot() {
    FingerprintSet set = new FingerprintSet(1_000_000);
    int n = 300_000;
    long largest = 0;
    for (long v = 1; v <= n; v++) {
      assertThat(set.add(v)).isTrue();
      if (v % 5000 == 0) {
        largest = Math.max(largest, set.largestArrayBytes());
      }
    }
    assertThat(largest).isLessThanOrEqualTo(SEGMENT_ARRAY_MAX);
    assertThat(set.size()).isEqualTo(n);
    assertThat(set.segmentCount()).isGreaterThan(8);
    for (long v = 1; v <= n; v++) {
      if (set.add(v)) {
        throw new AssertionError("forgot " + v);
      }
    }
    // absent values (then added: the set has room)
    for (long v = n + 1; v <= n + 20_000; v++) {
      assertThat(set.add(v)).isTrue();
      assertThat(set.add(-v)).isTrue();
    }
    assertThat(set.size()).isEqualTo(n + 40_000);
    assertThat(set.overflowed()).isFalse();
  }

  @Test
  void aMillionRandomValuesAreAllRememberedAndNoArrayIsEverHumongous() {
    FingerprintSet set = new FingerprintSet(2_000_000);
    int n = 1_000_000;
    long[] values = new long[n];
    SplittableRandom random = new SplittableRandom(11);
    long largest = 0;
    int added = 0;
    for (int i = 0; i < n; i++) {
      values[i] = random.nextLong();
      if (set.add(values[i])) {
        added++;
      }
      if (i % 20_000 == 0) {
        largest = Math.max(largest, set.largestArrayBytes());
      }
    }
    largest = Math.max(largest, set.largestArrayBytes());
    assertThat(largest).isLessThan(HUMONGOUS).isLessThanOrEqualTo(SEGMENT_ARRAY_MAX);
    assertThat(added).isEqualTo(n); // 64-bit random values: a repeat among a million is ~3e-8
    assertThat(set.size()).isEqualTo(n);
    for (long v : values) {
      if (set.add(v)) {
        throw new AssertionError("forgot " + v);
      }
    }
    int unseen = 0;
    for (int i = 0; i < 20_000; i++) {
      if (set.add(random.nextLong())) {
        unseen++;
      }
    }
    assertThat(unseen).isEqualTo(20_000);
  }

  @Test
  void theCapHoldsAcrossSegments() {
    int cap = 100_000;
    FingerprintSet set = new FingerprintSet(cap);
    for (long v = 1; v <= cap; v++) {
      assertThat(set.add(v * 0x9E3779B97F4A7C15L)).isTrue();
    }
    assertThat(set.size()).isEqualTo(cap);
    assertThat(set.segmentCount()).isGreaterThan(1);
    assertThat(set.overflowed()).isFalse();
    // a value seen is still a repeat, and does not overflow
    assertThat(set.add(0x9E3779B97F4A7C15L)).isFalse();
    assertThat(set.overflowed()).isFalse();
    int segments = set.segmentCount();
    // full: every unseen value is let through, each time, and not remembered
    for (long v = cap + 1; v <= cap + 50_000; v++) {
      assertThat(set.add(v * 0x9E3779B97F4A7C15L)).isTrue();
    }
    assertThat(set.overflowed()).isTrue();
    for (long v = cap + 1; v <= cap + 50_000; v++) {
      assertThat(set.add(v * 0x9E3779B97F4A7C15L)).isTrue();
    }
    assertThat(set.size()).isEqualTo(cap);
    assertThat(set.segmentCount()).isEqualTo(segments);
    for (long v = 1; v <= cap; v++) {
      if (set.add(v * 0x9E3779B97F4A7C15L)) {
        throw new AssertionError("forgot " + v);
      }
    }
    // zero is remembered apart, full or not, and is not counted
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(0)).isFalse();
    assertThat(set.size()).isEqualTo(cap);
  }

  @Test
  void zeroIsAValueLikeAnyOther() {
    FingerprintSet set = new FingerprintSet(10);
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(0)).isFalse();
    assertThat(set.add(1)).isTrue();
    assertThat(set.add(1)).isFalse();
    assertThat(set.size()).isEqualTo(1);
    assertThat(set.overflowed()).isFalse();
  }

  @Test
  void aSetSizedForItsCountMakesItsSegmentsAtOnceAndDoesNotGrow() {
    FingerprintSet set = new FingerprintSet(2_000_000, 1_000_000);
    // 1M values at most 3/4 full: 2^21 slots, 64 segments of 2^15
    assertThat(set.segmentCount()).isEqualTo(64);
    assertThat(set.largestArrayBytes()).isLessThanOrEqualTo(SEGMENT_ARRAY_MAX);
    SplittableRandom random = new SplittableRandom(3);
    long[] values = new long[1_000_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextLong();
      assertThat(set.add(values[i])).isTrue();
    }
    assertThat(set.segmentCount()).isEqualTo(64);
    assertThat(set.largestArrayBytes()).isLessThanOrEqualTo(SEGMENT_ARRAY_MAX);
    for (long v : values) {
      if (set.add(v)) {
        throw new AssertionError("forgot " + v);
      }
    }
    // a small count, or a small cap: one segment, as small as before
    assertThat(new FingerprintSet(2_000_000, 10_000).segmentCount()).isEqualTo(1);
    assertThat(new FingerprintSet(2_000_000, 10_000).largestArrayBytes())
        .isEqualTo(16 + 8L * 16_384);
    assertThat(new FingerprintSet(1000, 1_000_000).largestArrayBytes()).isEqualTo(16 + 8L * 2048);
    assertThat(new FingerprintSet(0, 1_000_000).add(7)).isTrue();
  }

  @Test
  void valuesChosenToShareTheirMixedLeadingBitsAreStillAllRemembered() {
    // values whose mixed form starts with 24 zero bits (the mix inverted): the directory cannot
    // tell them apart for 24 splits, and must not double for each (2^25 entries, 256 MB)
    FingerprintSet set = new FingerprintSet(1_000_000);
    SplittableRandom random = new SplittableRandom(9);
    int n = 60_000;
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      long mixed;
      do {
        mixed = random.nextLong() >>> 24;
      } while (mixed == 0);
      values[i] = unmix(mixed);
      assertThat(set.add(values[i])).isTrue();
    }
    assertThat(set.size()).isEqualTo(n);
    for (long v : values) {
      assertThat(set.add(v)).isFalse();
    }
    assertThat(set.largestArrayBytes()).isLessThan(4L * 1024 * 1024);
  }

  /** The inverse of FingerprintSet's mix (MurmurHash3's 64-bit finalizer). */
  private static long unmix(long h) {
    h ^= h >>> 33;
    h *= inverse(0xC4CEB9FE1A85EC53L);
    h ^= h >>> 33;
    h *= inverse(0xFF51AFD7ED558CCDL);
    h ^= h >>> 33;
    return h;
  }

  /** The inverse of an odd number modulo 2^64 (Newton's iteration). */
  private static long inverse(long a) {
    long x = a;
    for (int i = 0; i < 6; i++) {
      x *= 2 - a * x;
    }
    return x;
  }
}
