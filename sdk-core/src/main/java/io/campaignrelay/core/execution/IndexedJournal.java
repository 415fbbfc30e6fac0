package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The lookups both journals answer from their compact {@link JournalIndex}. Every method
 * synchronizes on the journal, so a subclass's own synchronized methods share the same lock.
 */
abstract class IndexedJournal implements ExecutionJournal {
  private final JournalIndex index = new JournalIndex();
  private final Set<CampaignId> campaigns = new HashSet<>();

  /** Adds entries to the index (after a subclass has stored them, if it stores them). */
  final synchronized void index(List<JournalEntry> entries) {
    CampaignId last = null;
    if (entries.size() > 1) {
      index.warm(entries);
    }
    for (JournalEntry e : entries) {
      index.put(Objects.requireNonNull(e, "entry"));
      // a write is (nearly always) one campaign's: its set is touched once, not per entry
      if (e.campaignId() != last) {
        last = e.campaignId();
        campaigns.add(last);
      }
    }
  }

  @Override
  public synchronized boolean mayHaveEntries(CampaignId campaignId) {
    return campaigns.contains(campaignId);
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
}
