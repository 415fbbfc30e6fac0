package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingMessageChannelTest {

  /** A channel whose every answer differs from the port's defaults, recording each call. */
  static final class Answering implements MessageChannel {
    final List<String> calls = new ArrayList<>();
    final List<DispatchResult> dispatched = new ArrayList<>();
    final List<ReconcileResult> reconciled = new ArrayList<>();

    @Override
    public String name() {
      calls.add("name");
      return "inner";
    }

    @Override
    public int maxBatchSize() {
      calls.add("maxBatchSize");
      return 17;
    }

    @Override
    public int maxConcurrentBatches() {
      calls.add("maxConcurrentBatches");
      return 6;
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
      calls.add("deduplicatesByIdempotencyKey");
      return true;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      calls.add("dispatch");
      return dispatched;
    }

    @Override
    public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
      calls.add("reconcile");
      return reconciled;
    }
  }

  @Test
  void everyCallOfThePortReachesTheDelegateUnlessOverridden() {
    Answering inner = new Answering();
    MessageChannel forwarding = new ForwardingMessageChannel(inner) {};

    assertThat(forwarding.name()).isEqualTo("inner");
    assertThat(forwarding.maxBatchSize()).isEqualTo(17);
    assertThat(forwarding.maxConcurrentBatches()).isEqualTo(6);
    assertThat(forwarding.deduplicatesByIdempotencyKey()).isTrue();
    assertThat(forwarding.dispatch(List.of())).isSameAs(inner.dispatched);
    assertThat(forwarding.reconcile(List.of())).isSameAs(inner.reconciled);
    assertThat(inner.calls)
        .containsExactly(
            "name",
            "maxBatchSize",
            "maxConcurrentBatches",
            "deduplicatesByIdempotencyKey",
            "dispatch",
            "reconcile");

    MessageChannel oneAtATime =
        new ForwardingMessageChannel(inner) {
          @Override
          public int maxConcurrentBatches() {
            return 1;
          }
        };
    assertThat(oneAtATime.maxConcurrentBatches()).isEqualTo(1);
    assertThat(oneAtATime.maxBatchSize()).isEqualTo(17);
  }
}
