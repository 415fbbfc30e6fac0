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
 * but one bit, stay apart), the latest entry of a key wins, and every key survives the table's
 * growth with its state and time.
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
    // the same home slot and the same low half, their first halves apart in the top byte only
    for (int j = 1; j < 8; j++) {
      IdempotencyKey k = key((long) j << 56, sharedTop | 100);
      index.put(entry(k, "t" + j, RecipientState.DISPATCHED, AT));
      expected.put(k, RecipientState.DISPATCHED);
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
