package io.campaignrelay.core.messagelog;

/** The state of a message as the {@link MessageLog} records it. */
public enum MessageStatus {
  /**
   * TEST mode: rendered and validated exactly like a live message, written to the log, and never
   * sent.
   */
  LOGGED,
  /** LIVE mode: handed to the vendor, which accepted it. */
  DISPATCHED,
  /** Not sent, decided before any vendor call (opted out, invalid phone, template problem). */
  DROPPED,
  /** Refused by the vendor. */
  REJECTED,
  /** The vendor confirmed delivery. */
  DELIVERED,
  /** The vendor reported it could not be delivered. */
  UNDELIVERED
}
