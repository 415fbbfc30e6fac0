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
   * A listener that calls each given one in order (a host's metrics beside a runtime's own
   * listener, say). An exception from one stops the others and propagates, as from any listener.
   *
   * @param listeners the listeners
   * @return the combined listener
   */
  static ExecutionListener all(ExecutionListener... listeners) {
    java.util.List<ExecutionListener> ls = java.util.List.of(listeners);
    return new ExecutionListener() {
      @Override
      public void onProgress(ExecutionProgress progress) {
        ls.forEach(l -> l.onProgress(progress));
      }

      @Override
      public void onDropped(CustomerId customerId, RejectionReason reason, String detail) {
        ls.forEach(l -> l.onDropped(customerId, reason, detail));
      }

      @Override
      public void onUncertain(JournalEntry entry) {
        ls.forEach(l -> l.onUncertain(entry));
      }

      @Override
      public void onReconciled(CustomerId customerId, ReconcileResult result) {
        ls.forEach(l -> l.onReconciled(customerId, result));
      }

      @Override
      public void onTargetsMismatch(
          io.campaignrelay.core.CampaignId campaignId,
          java.util.OptionalLong expected,
          long received,
          long repeated) {
        ls.forEach(l -> l.onTargetsMismatch(campaignId, expected, received, repeated));
      }
    };
  }

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

  /**
   * Called when the vendor's records gave a verdict on a message whose earlier send was unknown
   * (see {@link MessageChannel#reconcile(java.util.List)}), before the engine acts on it.
   *
   * @param customerId the recipient
   * @param result the verdict
   */
  default void onReconciled(CustomerId customerId, ReconcileResult result) {}

  /**
   * Called once at the end of a run whose target rows did not match the campaign: fewer or more
   * distinct recipients than the campaign's targeted count, or rows that repeated (paging that
   * ended early or re-read rows). Nothing was sent twice because of it; the targets may be
   * incomplete.
   *
   * @param campaignId the campaign
   * @param expected the campaign's targeted count, if known
   * @param received distinct recipients received
   * @param repeated rows that repeated a recipient already received in this run
   */
  default void onTargetsMismatch(
      io.campaignrelay.core.CampaignId campaignId,
      java.util.OptionalLong expected,
      long received,
      long repeated) {}
}
