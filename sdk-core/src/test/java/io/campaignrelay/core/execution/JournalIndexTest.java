package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The journal's compact index: keys found by all 128 bits (keys that share their home slot, or all
 * but one bit, stay apart), the latest entry of a key wins, every key survives the table's growth
 * (segments growing and splitting) with its state and time, and no array the table holds is ever
 * humongous for G1 (512 KiB or more), however many recipients.
 */
class JournalIndexTest {

  private static final CampaignId CAMPAIGN = CampaignId.of("42");
  private static final Instant AT = Instant.parse("2026-12-02T01:00:00Z");

  private static IdempotencyKey key(long hi, long lo) {
    return new IdempotencyKey(String.format("cr1-%016x%016x", hi, lo));
  }

  private static JournalEntry entry(
      IdempotencyKey key, String customer, RecipientState state, Instant at) {
    return new JournalEntry(CAMPAIGN, CustomerId.of(customer), state, key, at, "");
  }

  private static RecipientState stateOf(JournalIndex index, IdempotencyKey key, String customer) {
    return index
        .get(CAMPAIGN, CustomerId.of(customer), new long[] {key.hi(), key.lo()})
        .map(JournalEntry::state)
        .orElse(null);
  }

  @Test
  void theLatestEntryOfAKeyWins() {
    JournalIndex index = new JournalIndex();
    IdempotencyKey k = key(1, 2);
    index.put(entry(k, "c1", RecipientState.PENDING, AT));
    assertThat(index.pendingCount()).isEqualTo(1);
    assertThat(stateOf(index, k, "c1")).isEqualTo(RecipientState.PENDING);
    index.put(entry(k, "c1", RecipientState.DISPATCHED, AT.plusSeconds(5)));
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.pendingCount()).isZero();
    JournalEntry e = index.get(CAMPAIGN, CustomerId.of("c1"), new long[] {1, 2}).orElseThrow();
    assertThat(e.state()).isEqualTo(RecipientState.DISPATCHED);
    assertThat(e.at()).isEqualTo(AT.plusSeconds(5));
    index.put(entry(k, "c1", RecipientState.PENDING, AT.plusSeconds(9)));
    assertThat(stateOf(index, k, "c1")).isEqualTo(RecipientState.PENDING);
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void aPendingEntryIsTheLatestOverAnEarlierFinalStateAndCountsOnce() {
    JournalIndex index = new JournalIndex();
    CampaignId campaign = CAMPAIGN;
    CustomerId c1 = CustomerId.of("c1");
    CustomerId c2 = CustomerId.of("c2");
    IdempotencyKey k1 = IdempotencyKey.derive(campaign, c1);
    IdempotencyKey k2 = IdempotencyKey.derive(campaign, c2);
    index.put(new JournalEntry(campaign, c1, RecipientState.DISPATCHED, k1, AT, "v1"));
    assertThat(index.isDone(campaign, c1)).isTrue();
    // written again as PENDING (a host's own re-send): PENDING is what the index now answers
    index.put(new JournalEntry(campaign, c1, RecipientState.PENDING, k1, AT.plusSeconds(1), ""));
    index.put(new JournalEntry(campaign, c2, RecipientState.PENDING, k2, AT.plusSeconds(1), ""));
    assertThat(index.isDone(campaign, c1)).isFalse();
    assertThat(index.isDone(campaign, c2)).isFalse();
    assertThat(index.get(campaign, c1).orElseThrow().state()).isEqualTo(RecipientState.PENDING);
    assertThat(index.get(campaign, c2).orElseThrow().state()).isEqualTo(RecipientState.PENDING);
    assertThat(index.size()).isEqualTo(2); // c1 once, though both tables know it; c2 only pending
    assertThat(index.pendingEntries(campaign)).hasSize(2);
    index.put(new JournalEntry(campaign, c2, RecipientState.FAILED, k2, AT.plusSeconds(2), "x"));
    index.put(new JournalEntry(campaign, c1, RecipientState.DISPATCHED, k1, AT.plusSeconds(2), ""));
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.pendingCount()).isZero();
    assertThat(index.isDone(campaign, c1)).isTrue();
    assertThat(index.isDone(campaign, c2)).isFalse();
    assertThat(index.get(campaign, c2).orElseThrow().at()).isEqualTo(AT.plusSeconds(2));
  }

  @Test
  void keysSharingAHomeSlotOrAllButOneBitStayApart() {
    JournalIndex index = new JournalIndex();
    // the same top 32 bits of the low half: the same home slot at every capacity
    long sharedTop = 0xFFFF_FFFFL << 32; // the last slot: probes wrap round to the first
    Map<IdempotencyKey, RecipientState> expected = new HashMap<>();
    RecipientState[] states = RecipientState.values();
    for (int i = 0; i < 64; i++) {
      IdempotencyKey k = key(i % 8, sharedTop | (i / 8));
      RecipientState s = states[i % states.length];
      index.put(entry(k, "c" + i, s, AT));
      expected.put(k, s);
    }
    // keys one bit apart from each other, in either half
    IdempotencyKey a = key(0x8000_0000_0000_0000L, 7);
    IdempotencyKey b = key(0, 7);
    IdempotencyKey c = key(0, 7 | (1L << 40));
    index.put(entry(a, "a", RecipientState.DROPPED, AT));
    index.put(entry(b, "b", RecipientState.FAILED, AT));
    index.put(entry(c, "c", RecipientState.DISPATCHED, AT));
    expected.put(a, RecipientState.DROPPED);
    expected.put(b, RecipientState.FAILED);
    expected.put(c, RecipientState.DISPATCHED);
    assertThat(index.size()).isEqualTo(expected.size());
    expected.forEach((k, s) -> assertThat(stateOf(index, k, "any")).isEqualTo(s));
    assertThat(stateOf(index, key(9, sharedTop), "x")).isNull();
    assertThat(stateOf(index, key(1, 7), "x")).isNull();
  }

  @Test
  void everyKeySurvivesGrowthWithItsStateAndTimeAndTheLoadStaysBounded() {
    JournalIndex index = new JournalIndex();
    Random random = new Random(17);
    int n = 200_000;
    long[] his = new long[n];
    long[] los = new long[n];
    RecipientState[] states = RecipientState.values();
    for (int i = 0; i < n; i++) {
      his[i] = random.nextLong();
      los[i] = i % 1000 == 0 ? los[i / 2] : random.nextLong(); // some halves repeat
      index.put(
          entry(
              key(his[i], los[i]), "c" + i, states[i % states.length], AT.plusSeconds(i % 86400)));
      if (i > 2000) {
        double load = (double) index.tableSize() / index.capacity();
        assertThat(load).isBetween(0.49, 0.751);
      }
    }
    assertThat(index.size()).isEqualTo(n);
    assertThat(index.segmentCount()).as("the load bound held across splits").isGreaterThan(8);
    // the later half written again: the latest wins, nothing is counted twice
    for (int i = n / 2; i < n; i++) {
      index.put(entry(key(his[i], los[i]), "c" + i, RecipientState.DISPATCHED, AT));
    }
    assertThat(index.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      JournalEntry e =
          index.get(CAMPAIGN, CustomerId.of("c" + i), new long[] {his[i], los[i]}).orElseThrow();
      if (i < n / 2) {
        assertThat(e.state()).isEqualTo(states[i % states.length]);
        assertThat(e.at()).isEqualTo(AT.plusSeconds(i % 86400));
      } else {
        assertThat(e.state()).isEqualTo(RecipientState.DISPATCHED);
        assertThat(e.at()).isEqualTo(AT);
      }
    }
    assertThat(index.pendingCount()).isEqualTo(countPendingInFirstHalf(n, states));
  }

  /** G1's humongous size in its smallest (1 MB) regions: half a region. */
  private static final long HUMONGOUS = 512 * 1024;

  /** The most an array of a segment may take: its keys, long[32768], and an array's header. */
  private static final long SEGMENT_ARRAY_MAX = 256 * 1024 + 16;

  @Test
  void aMillionRecipientsAreAllFoundAndNoArrayOfTheTableIsEverHumongous() {
    JournalIndex index = new JournalIndex();
    RecipientState[] finals = {
      RecipientState.DISPATCHED,
      RecipientState.FAILED,
      RecipientState.DROPPED,
      RecipientState.LOGGED
    };
    int n = 1_000_000;
    long[] his = new long[n];
    long[] los = new long[n];
    long largest = 0;
    for (int i = 0; i < n; i++) {
      CustomerId c = CustomerId.of("c" + i);
      IdempotencyKey k = IdempotencyKey.derive(CAMPAIGN, c);
      his[i] = k.hi();
      los[i] = k.lo();
      index.put(new JournalEntry(CAMPAIGN, c, finals[i % finals.length], k, AT.plusSeconds(i), ""));
      if (i % 10_000 == 0) {
        largest = Math.max(largest, index.largestArrayBytes());
        if (i > 2000) {
          assertThat((double) index.tableSize() / index.capacity()).isBetween(0.49, 0.751);
        }
      }
    }
    largest = Math.max(largest, index.largestArrayBytes());
    assertThat(largest).isLessThan(HUMONGOUS).isLessThanOrEqualTo(SEGMENT_ARRAY_MAX);
    assertThat(index.tableSize()).isEqualTo(n);
    assertThat(index.size()).isEqualTo(n);
    assertThat(index.segmentCount()).isGreaterThan(64); // a single table would be 1.5M+ slots
    // 21 bytes a slot, 50% to 75% full: 28 to 42 bytes a recipient
    assertThat(21.0 * index.capacity() / n).isBetween(28.0, 42.1);
    for (int i = 0; i < n; i++) {
      JournalEntry e =
          index
              .get(CAMPAIGN, CustomerId.of("c" + i), new long[] {his[i], los[i]})
              .orElseThrow(() -> new AssertionError("lost a recipient"));
      assertThat(e.state()).isSameAs(finals[i % finals.length]);
      assertThat(e.at()).isEqualTo(AT.plusSeconds(i));
    }
    for (int i = 0; i < n; i += 997) {
      CustomerId c = CustomerId.of("c" + i);
      assertThat(index.isDone(CAMPAIGN, c)).isEqualTo(finals[i % finals.length].isDone());
      assertThat(index.get(CAMPAIGN, c).orElseThrow().state()).isSameAs(finals[i % finals.length]);
    }
    for (int i = 0; i < 20_000; i++) {
      CustomerId absent = CustomerId.of("absent" + i);
      assertThat(index.get(CAMPAIGN, absent)).isEmpty();
      assertThat(index.isDone(CAMPAIGN, absent)).isFalse();
    }
    // another campaign's recipients are other keys
    assertThat(index.get(CampaignId.of("43"), CustomerId.of("c1"))).isEmpty();
  }

  @Test
  void pendingOverAFinalStateAndFinalOverPendingStillHoldOnceTheTableHasSplit() {
    JournalIndex index = new JournalIndex();
    int n = 60_000;
    for (int i = 0; i < n; i++) {
      CustomerId c = CustomerId.of("c" + i);
      index.put(
          new JournalEntry(
              CAMPAIGN, c, RecipientState.DISPATCHED, IdempotencyKey.derive(CAMPAIGN, c), AT, ""));
    }
    assertThat(index.segmentCount()).isGreaterThan(1);
    for (int i = 0; i < n; i += 100) {
      CustomerId c = CustomerId.of("c" + i);
      index.put(
          new JournalEntry(
              CAMPAIGN,
              c,
              RecipientState.PENDING,
              IdempotencyKey.derive(CAMPAIGN, c),
              AT.plusSeconds(1),
              "v"));
    }
    assertThat(index.pendingCount()).isEqualTo(n / 100);
    assertThat(index.size()).isEqualTo(n);
    assertThat(index.pendingEntries(CAMPAIGN)).hasSize(n / 100);
    for (int i = 0; i < n; i += 100) {
      CustomerId c = CustomerId.of("c" + i);
      assertThat(index.isDone(CAMPAIGN, c)).isFalse();
      assertThat(index.get(CAMPAIGN, c).orElseThrow().state()).isEqualTo(RecipientState.PENDING);
      assertThat(index.isDone(CAMPAIGN, CustomerId.of("c" + (i + 1)))).isTrue();
    }
    for (int i = 0; i < n; i += 100) {
      CustomerId c = CustomerId.of("c" + i);
      index.put(
          new JournalEntry(
              CAMPAIGN,
              c,
              RecipientState.FAILED,
              IdempotencyKey.derive(CAMPAIGN, c),
              AT.plusSeconds(2),
              ""));
    }
    assertThat(index.pendingCount()).isZero();
    assertThat(index.size()).isEqualTo(n);
    for (int i = 0; i < n; i += 100) {
      JournalEntry e = index.get(CAMPAIGN, CustomerId.of("c" + i)).orElseThrow();
      assertThat(e.state()).isEqualTo(RecipientState.FAILED);
      assertThat(e.at()).isEqualTo(AT.plusSeconds(2));
    }
  }

  @Test
  void keysThatAreNotDigestsAndShareTheirLeadingBitsAreStillAllFound() {
    // Keys in the derived form but not digests: the first half's top 20 bits zero (they cannot be
    // told apart by the directory for 20 splits), or the same first half for all (never).
    JournalIndex index = new JournalIndex();
    Random random = new Random(5);
    int n = 40_000;
    long[] his = new long[n];
    long[] los = new long[n];
    for (int i = 0; i < n; i++) {
      his[i] = i < n / 2 ? random.nextLong() >>> 20 : 7;
      los[i] = random.nextLong();
      index.put(entry(key(his[i], los[i]), "c" + i, RecipientState.DISPATCHED, AT.plusSeconds(i)));
    }
    assertThat(index.tableSize()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      JournalEntry e =
          index.get(CAMPAIGN, CustomerId.of("c" + i), new long[] {his[i], los[i]}).orElseThrow();
      assertThat(e.at()).isEqualTo(AT.plusSeconds(i));
    }
    assertThat(stateOf(index, key(7, 1), "x")).isNull();
    assertThat(stateOf(index, key(1, 7), "x")).isNull();
    // the directory did not double for each shared bit (2^21 entries, 16 MB): only the keys'
    // own segments outgrew their maximum
    assertThat(index.largestArrayBytes()).isLessThan(2L * 1024 * 1024);
    assertThat((double) index.tableSize() / index.capacity()).isBetween(0.3, 0.751);
  }

  private static int countPendingInFirstHalf(int n, RecipientState[] states) {
    int c = 0;
    for (int i = 0; i < n / 2; i++) {
      if (states[i % states.length] == RecipientState.PENDING) {
        c++;
      }
    }
    return c;
  }
}
