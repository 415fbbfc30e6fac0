package io.campaignrelay.core.runtime;

import java.time.Instant;

/**
 * Port: ids of inbound things already handled (Optimove events, Delivyr webhooks), each kept until
 * it expires, so that a repeat is recognised and handled once. Implementations must be thread-safe
 * and make {@link #markIfAbsent} atomic (across instances, for a shared one).
 */
public interface ProcessedIds {

  /**
   * Records an id unless it is already there and not expired.
   *
   * @param namespace what kind of id (e.g. {@code optimove-event}, {@code delivyr-webhook})
   * @param id the id
   * @param now the current instant (ids expired by then do not count)
   * @param expiresAt when the record may be forgotten
   * @return true if the id is new (handle it); false if it was seen (a repeat)
   */
  boolean markIfAbsent(String namespace, String id, Instant now, Instant expiresAt);

  /**
   * Whether an id is recorded and not expired.
   *
   * @param namespace what kind of id
   * @param id the id
   * @param now the current instant
   * @return true if seen
   */
  boolean contains(String namespace, String id, Instant now);
}
