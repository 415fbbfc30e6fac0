package io.campaignrelay.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxDeliveryTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  static List<OutboxEntry> entries(int n) {
    List<OutboxEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new OutboxEntry("e" + i, "t", "p" + i, T0));
    }
    return out;
  }

  @Test
  void deliversInOrderInBatchesAndStopsAtTheFirstFailure() {
    MetricsOutbox outbox = InMemoryMetricsOutbox.create();
    outbox.append(entries(7));
    List<List<String>> sent = new ArrayList<>();
    int[] calls = {0};
    OutboxDelivery.Result r =
        OutboxDelivery.deliver(
            outbox,
            "t",
            3,
            batch -> {
              if (++calls[0] == 2) {
                throw new IllegalStateException("429");
              }
              sent.add(batch.stream().map(OutboxEntry::id).toList());
            });

    assertThat(sent).containsExactly(List.of("e0", "e1", "e2"));
    assertThat(r.delivered()).isEqualTo(3);
    assertThat(r.remaining()).isEqualTo(4);
    assertThat(r.isComplete()).isFalse();
    assertThat(r.failure()).get().extracting(Throwable::getMessage).isEqualTo("429");
    assertThat(outbox.pending("t", 10))
        .extracting(OutboxEntry::id)
        .containsExactly("e3", "e4", "e5", "e6");

    OutboxDelivery.Result again =
        OutboxDelivery.deliver(
            outbox, "t", 3, batch -> sent.add(batch.stream().map(OutboxEntry::id).toList()));
    assertThat(again.isComplete()).isTrue();
    assertThat(again.delivered()).isEqualTo(4);
    assertThat(sent)
        .containsExactly(List.of("e0", "e1", "e2"), List.of("e3", "e4", "e5"), List.of("e6"));
    assertThat(outbox.depth()).isZero();
  }

  @Test
  void aStormOfFailuresThenRecoveryDeliversEveryEntryExactlyOnce() {
    MetricsOutbox outbox = InMemoryMetricsOutbox.create();
    Map<String, Integer> received = new HashMap<>();
    int[] call = {0};
    OutboxDelivery.Sender flaky =
        batch -> {
          call[0]++;
          if (call[0] % 3 != 0) {
            throw new IllegalStateException("rate limited");
          }
          batch.forEach(e -> received.merge(e.id(), 1, Integer::sum));
        };
    for (int round = 0; round < 20; round++) {
      List<OutboxEntry> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        batch.add(new OutboxEntry("r" + round + "-" + i, "t", "", T0));
      }
      outbox.append(batch);
      OutboxDelivery.deliver(outbox, "t", 4, flaky);
    }
    while (outbox.depth() > 0) {
      OutboxDelivery.deliver(outbox, "t", 4, flaky);
    }
    assertThat(received).hasSize(100);
    assertThat(received.values()).containsOnly(1);
  }

  @Test
  void aFailedAcknowledgementStopsTheDelivery() {
    MetricsOutbox outbox =
        new OutboxState(java.time.Clock.systemUTC(), MetricsOutbox.DEFAULT_RETENTION) {
          @Override
          void persistAppend(List<OutboxEntry> entries) {}

          @Override
          void persistAcknowledge(List<String> ids, Instant at) {
            throw new IllegalStateException("disk full");
          }
        };
    outbox.append(entries(2));
    int[] sends = {0};
    OutboxDelivery.Result r = OutboxDelivery.deliver(outbox, "t", 1, b -> sends[0]++);
    assertThat(sends[0]).as("no second batch after the first could not be acknowledged").isOne();
    assertThat(r.failure()).get().extracting(Throwable::getMessage).isEqualTo("disk full");
    assertThat(r.remaining()).isEqualTo(2);
  }
}
