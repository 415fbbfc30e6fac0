package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitsTableTest {

  record Bits(long hi, long lo) {}

  @Test
  void agreesWithAHashMapThroughPutsAndRemovesThatCollide() {
    Random random = new Random(17);
    BitsTable<String> table = new BitsTable<>();
    Map<Bits, String> reference = new HashMap<>();
    List<Bits> used = new ArrayList<>();
    for (int op = 0; op < 60_000; op++) {
      Bits b;
      if (!used.isEmpty() && random.nextInt(3) > 0) {
        b = used.get(random.nextInt(used.size()));
      } else {
        // few distinct lows, so that runs of colliding slots form and removes must move entries
        b = new Bits(random.nextInt(50), random.nextInt(300));
        used.add(b);
      }
      if (random.nextBoolean()) {
        String v = "v" + op;
        table.put(b.hi(), b.lo(), v);
        reference.put(b, v);
      } else {
        table.remove(b.hi(), b.lo());
        reference.remove(b);
      }
      if (op % 4999 == 0) {
        for (Bits u : used) {
          assertThat(table.get(u.hi(), u.lo())).isEqualTo(reference.get(u));
          assertThat(table.contains(u.hi(), u.lo())).isEqualTo(reference.containsKey(u));
        }
      }
      assertThat(table.size()).isEqualTo(reference.size());
    }
    List<String> all = new ArrayList<>();
    table.forEach(all::add);
    assertThat(all).containsExactlyInAnyOrderElementsOf(reference.values());
    for (Bits u : used) {
      table.remove(u.hi(), u.lo());
    }
    assertThat(table.size()).isZero();
    assertThat(table.get(1, 1)).isNull();
  }

  @Test
  void keySetTellsDerivedAndOwnKeysApart() {
    KeySet set = new KeySet();
    IdempotencyKey derived =
        IdempotencyKey.derive(
            io.campaignrelay.core.CampaignId.of("5"), io.campaignrelay.core.CustomerId.of("c1"));
    IdempotencyKey sameText = new IdempotencyKey(derived.value());
    IdempotencyKey upper =
        new IdempotencyKey(
            derived.value().toUpperCase(java.util.Locale.ROOT).replace("CR1-", "cr1-"));
    IdempotencyKey own = new IdempotencyKey("own-1");
    set.add(derived);
    set.add(own);
    assertThat(set.contains(sameText)).isTrue();
    assertThat(sameText).isEqualTo(derived).hasSameHashCodeAs(derived);
    assertThat(set.contains(upper)).isFalse();
    assertThat(upper).isNotEqualTo(derived);
    assertThat(set.contains(new IdempotencyKey("own-1"))).isTrue();
    assertThat(set.size()).isEqualTo(2);
    set.remove(sameText);
    set.remove(own);
    assertThat(set.contains(derived)).isFalse();
    assertThat(set.contains(own)).isFalse();
    assertThat(set.size()).isZero();
  }

  @Test
  void aTableEmptiedAtEveryBatchKeepsItsSlotsAndOnlyAHugeOneShrinks() {
    BitsTable<String> table = new BitsTable<>();
    for (int round = 0; round < 3; round++) {
      fillAndEmpty(table, 4000); // a few batches in flight
      assertThat(table.size()).isZero();
      assertThat(table.capacity()).isEqualTo(8192);
    }
    fillAndEmpty(table, 100_000); // a resume's PENDING entries
    assertThat(table.capacity()).isEqualTo(64);
  }

  private static void fillAndEmpty(BitsTable<String> table, int n) {
    for (int i = 1; i <= n; i++) {
      table.put(i, i * 0x9E3779B97F4A7C15L, "v");
    }
    assertThat(table.size()).isEqualTo(n);
    for (int i = 1; i <= n; i++) {
      table.remove(i, i * 0x9E3779B97F4A7C15L);
    }
  }
}
