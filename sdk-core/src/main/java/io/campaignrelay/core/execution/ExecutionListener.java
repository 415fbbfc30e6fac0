package io.campaignrelay.core.execution;

import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.metrics.RejectionReason;

/**
 * Receives progress from {@link CampaignExecutor}. Every method has an empty default; callbacks run
 * on the executing thread, so keep them fast.
 */
public interface ExecutionListener {

  /** A listener that ignores everything. */
  ExecutionListener NONE = new ExecutionListener() {};

  /**
   * Called after every batch (LIVE) or every {@code progressInterval} recipients (TEST), and once
   * at the end.
   *
   * @param progress the counts so far
   */
  default void onProgress(ExecutionProgress progress) {}

  /**
   * A recipient was dropped before or by the channel.
   *
   * @param customerId the customer
   * @param reason why
   * @param detail a human-readable explanation (never a secret)
   */
  default void onDropped(CustomerId customerId, RejectionReason reason, String detail) {}

  /**
   * A recipient was handed to a channel before a crash and its outcome is unknown; the channel
   * cannot deduplicate, so the engine did not send it again. Reconcile it with the vendor's log.
   *
   * @param entry the PENDING journal entry
   */
  default void onUncertain(JournalEntry entry) {}
}
