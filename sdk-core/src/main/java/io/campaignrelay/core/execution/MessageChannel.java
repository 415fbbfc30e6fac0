package io.campaignrelay.core.execution;

import java.util.List;

/**
 * Port: the transport that sends rendered SMS through a vendor. Implemented by the vendor modules;
 * called by the engine only in {@link io.campaignrelay.core.ExecutionMode#LIVE LIVE} mode (in TEST
 * mode no channel is ever called).
 *
 * <p>Implementations must be thread-safe, should pass each message's {@link IdempotencyKey} to the
 * vendor (idempotency header, client reference) where the vendor supports it, and must not retry a
 * send whose outcome is unknown unless the vendor de-duplicates on that key.
 */
public interface MessageChannel {

  /**
   * A short name for logs and reports, e.g. the vendor's name.
   *
   * @return the name
   */
  String name();

  /**
   * The most messages {@link #dispatch(List)} accepts in one call.
   *
   * @return one or more
   */
  int maxBatchSize();

  /**
   * The most batches the engine may have in flight on this channel at once: with more than one, the
   * engine calls {@link #dispatch(List)} from several of its own threads at the same time (each
   * batch's PENDING entries durable before it leaves, its answer processed on the executing thread
   * in the order the batches left). A channel declares what it knows to be safe for its vendor;
   * hosts choose at most that with {@link CampaignExecutor.Builder#concurrency(int)}.
   *
   * @return one or more; 1 by default (one batch at a time)
   */
  default int maxConcurrentBatches() {
    return 1;
  }

  /**
   * Sends a batch. Called from several threads at once when {@link #maxConcurrentBatches()} is over
   * one.
   *
   * @param batch one to {@link #maxBatchSize()} messages, distinct idempotency keys
   * @return exactly one result per message, matched by idempotency key (any order)
   * @throws io.campaignrelay.core.http.ApiConnectionException if the vendor could not be reached;
   *     {@code outcomeUnknown()} tells whether messages may have been sent
   * @throws io.campaignrelay.core.http.ApiServiceException if the vendor refused the whole batch
   */
  List<DispatchResult> dispatch(List<OutboundMessage> batch);

  /**
   * Whether the vendor drops a repeated message that carries an idempotency key it has already
   * accepted (an {@code Idempotency-Key} header honoured for 24 h does; a plain send API does not).
   * The engine uses this after a crash: messages whose outcome is unknown are sent again with the
   * same key only when the channel deduplicates; otherwise they are reported as uncertain and never
   * re-sent.
   *
   * @return true if a repeat with the same key is never delivered twice; false by default
   */
  default boolean deduplicatesByIdempotencyKey() {
    return false;
  }

  /**
   * Looks up, in the vendor's own records, messages whose send outcome is unknown (a batch left
   * PENDING by a crash, a lost or unreadable answer). The engine calls this on resume before it
   * sends or gives up on any such message. Every message of the list gets exactly one result.
   *
   * <p>The default answers {@link ReconcileResult.Status#UNKNOWN UNKNOWN} for every message: such
   * messages are re-sent only when the channel {@linkplain #deduplicatesByIdempotencyKey()
   * deduplicates}, and otherwise reported as uncertain, never sent twice.
   *
   * @param messages the messages, rendered again as they were sent (same idempotency keys)
   * @return one result per message, matched by idempotency key (any order)
   * @throws RuntimeException if the vendor could not be asked; the engine then treats every message
   *     as {@code UNKNOWN}
   */
  default List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
    List<ReconcileResult> results = new java.util.ArrayList<>(messages.size());
    for (OutboundMessage m : messages) {
      results.add(
          ReconcileResult.unknown(m.idempotencyKey(), name() + " offers no reconciliation"));
    }
    return results;
  }
}
