package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.util.Optional;

/**
 * Port: the durable record of each recipient's state in a campaign run, keyed by campaign +
 * customer, so that a run that stopped half-way resumes without sending anyone twice. The engine
 * records {@link RecipientState#PENDING} before a send and the final state after it; on resume it
 * skips recipients that are {@link #isDone(CampaignId, CustomerId) done} and treats PENDING ones as
 * "outcome unknown". Implementations must be thread-safe; the latest entry for a key wins.
 */
public interface ExecutionJournal {

  /**
   * Records (or replaces) a recipient's state.
   *
   * @param entry the entry
   */
  void record(JournalEntry entry);

  /**
   * Records several entries as one step. The engine calls this with the PENDING entries of a batch
   * before handing the batch to a channel, together with the outcomes of the batches answered since
   * its previous call; a durable journal must have the entries on stable storage when this returns.
   * With batches in flight ({@link CampaignExecutor.Builder#concurrency(int)} over one) the engine
   * calls it from its dispatch threads, several at once, while it reads the journal from the
   * executing thread; the entries of concurrent calls never share a recipient.
   *
   * @param entries the entries, in order
   */
  default void recordAll(java.util.List<JournalEntry> entries) {
    entries.forEach(this::record);
  }

  /**
   * The latest entry of a recipient.
   *
   * @param campaignId the campaign
   * @param customerId the customer
   * @return the entry, or empty if the recipient was never recorded
   */
  Optional<JournalEntry> entry(CampaignId campaignId, CustomerId customerId);

  /**
   * The latest entry of a recipient whose idempotency key the caller already derived; journals may
   * use the key to avoid hashing again. The default ignores it.
   *
   * @param campaignId the campaign
   * @param customerId the customer
   * @param key {@code IdempotencyKey.derive(campaignId, customerId)}
   * @return the entry, or empty if the recipient was never recorded
   */
  default Optional<JournalEntry> entry(
      CampaignId campaignId, CustomerId customerId, IdempotencyKey key) {
    return entry(campaignId, customerId);
  }

  /**
   * Whether a recipient is already finished with (dispatched, dropped or logged).
   *
   * @param campaignId the campaign
   * @param customerId the customer
   * @return true if it must not be processed again
   */
  default boolean isDone(CampaignId campaignId, CustomerId customerId) {
    return entry(campaignId, customerId).map(e -> e.state().isDone()).orElse(false);
  }

  /**
   * The latest entries of several recipients of one campaign, in one step. The engine asks for a
   * batch's worth of recipients at a time, so that a journal kept in a database answers with one
   * round trip per batch instead of one per recipient. The default asks {@link #entry(CampaignId,
   * CustomerId, IdempotencyKey)} for each.
   *
   * @param campaignId the campaign
   * @param recipients the customers with their derived keys ({@code IdempotencyKey.derive})
   * @return the entries found, by key; recipients never recorded are absent
   */
  default java.util.Map<IdempotencyKey, JournalEntry> entries(
      CampaignId campaignId, java.util.Map<IdempotencyKey, CustomerId> recipients) {
    java.util.Map<IdempotencyKey, JournalEntry> found = new java.util.HashMap<>();
    recipients.forEach(
        (key, customer) -> entry(campaignId, customer, key).ifPresent(e -> found.put(key, e)));
    return found;
  }

  /**
   * Whether the journal may hold any entry of a campaign. The engine asks once, when a LIVE run
   * starts: a campaign with none needs no per-batch lookups while the run itself tracks the
   * recipients it has seen. The default answers true (always look up), which is always safe; a
   * journal must answer false only when it is sure.
   *
   * @param campaignId the campaign
   * @return false only if the journal has no entry of the campaign
   */
  default boolean mayHaveEntries(CampaignId campaignId) {
    return true;
  }
}
