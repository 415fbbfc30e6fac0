package io.campaignrelay.reliability;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.JournalEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Delegates to a real journal and calls hooks just before and just after each write (numbered from
 * 1). The halt tests halt the JVM there ({@code Runtime.halt(137)}: no finally blocks, no shutdown
 * hooks, as {@code kill -9}); the torn-journal test notes the file size and the vendor's state.
 */
final class HookedJournal implements ExecutionJournal {
  private final ExecutionJournal delegate;
  private final IntConsumer before;
  private final IntConsumer after;
  private int writes;

  HookedJournal(ExecutionJournal delegate, IntConsumer before, IntConsumer after) {
    this.delegate = delegate;
    this.before = before;
    this.after = after;
  }

  /** Halts the JVM just before ({@code before}) or just after the {@code n}-th write. */
  static HookedJournal halting(ExecutionJournal delegate, int n, boolean before) {
    IntConsumer halt =
        w -> {
          if (w == n) {
            Runtime.getRuntime().halt(137);
          }
        };
    IntConsumer none = w -> {};
    return new HookedJournal(delegate, before ? halt : none, before ? none : halt);
  }

  @Override
  public void record(JournalEntry entry) {
    recordAll(List.of(entry));
  }

  @Override
  public synchronized void recordAll(List<JournalEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    writes++;
    before.accept(writes);
    delegate.recordAll(entries);
    after.accept(writes);
  }

  @Override
  public Optional<JournalEntry> entry(CampaignId campaignId, CustomerId customerId) {
    return delegate.entry(campaignId, customerId);
  }

  @Override
  public Optional<JournalEntry> entry(
      CampaignId campaignId, CustomerId customerId, IdempotencyKey key) {
    return delegate.entry(campaignId, customerId, key);
  }

  @Override
  public boolean isDone(CampaignId campaignId, CustomerId customerId) {
    return delegate.isDone(campaignId, customerId);
  }

  @Override
  public Map<IdempotencyKey, JournalEntry> entries(
      CampaignId campaignId, Map<IdempotencyKey, CustomerId> recipients) {
    return delegate.entries(campaignId, recipients);
  }
}
