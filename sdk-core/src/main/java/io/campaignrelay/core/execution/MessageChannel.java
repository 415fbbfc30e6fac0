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
   * Sends a batch.
   *
   * @param batch one to {@link #maxBatchSize()} messages, distinct idempotency keys
   * @return exactly one result per message, matched by idempotency key (any order)
   * @throws io.campaignrelay.core.http.ApiConnectionException if the vendor could not be reached;
   *     {@code outcomeUnknown()} tells whether messages may have been sent
   * @throws io.campaignrelay.core.http.ApiServiceException if the vendor refused the whole batch
   */
  List<DispatchResult> dispatch(List<OutboundMessage> batch);
}
