package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ExecutionJournal} in memory: the default, good for one process that does not crash. A
 * re-run in the same process resumes; a new process starts from nothing (use {@link
 * FileExecutionJournal} to survive a crash). Thread-safe. Keeps a compact index (about 40 bytes per
 * recipient), not entry objects, so a million-recipient campaign fits in a small heap.
 */
public final class InMemoryExecutionJournal implements ExecutionJournal {
  private final JournalIndex index = new JournalIndex();

  private InMemoryExecutionJournal() {}

  /**
   * Creates an empty journal.
   *
   * @return the journal
   */
  public static InMemoryExecutionJournal create() {
    return new InMemoryExecutionJournal();
  }

  @Override
  public synchronized void record(JournalEntry entry) {
    index.put(Objects.requireNonNull(entry, "entry"));
  }

  @Override
  public synchronized void recordAll(List<JournalEntry> entries) {
    for (JournalEntry e : entries) {
      index.put(Objects.requireNonNull(e, "entry"));
    }
  }

  @Override
  public synchronized Optional<JournalEntry> entry(CampaignId campaignId, CustomerId customerId) {
    return index.get(campaignId, customerId);
  }

  @Override
  public synchronized Optional<JournalEntry> entry(
      CampaignId campaignId, CustomerId customerId, IdempotencyKey key) {
    return index.get(campaignId, customerId, JournalIndex.bits(key, campaignId, customerId));
  }

  @Override
  public synchronized boolean isDone(CampaignId campaignId, CustomerId customerId) {
    return index.isDone(campaignId, customerId);
  }

  /**
   * The entries still PENDING for a campaign: messages handed to a channel whose outcome was never
   * recorded.
   *
   * @param campaignId the campaign
   * @return the entries, ordered by customer id
   */
  public synchronized List<JournalEntry> pending(CampaignId campaignId) {
    return index.pendingEntries(campaignId);
  }

  /**
   * How many recipients (all campaigns) have an entry.
   *
   * @return the count
   */
  public synchronized int size() {
    return index.size();
  }

  @Override
  public synchronized String toString() {
    return "InMemoryExecutionJournal{recipients=" + index.size() + '}';
  }
}
