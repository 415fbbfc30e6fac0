package io.campaignrelay.delivyr;

import io.campaignrelay.core.CampaignRelayException;

/**
 * A Delivyr webhook request was rejected. Answer it with HTTP 400 and do not act on it. The
 * subclasses tell the cases apart: {@link WebhookSignatureException} (missing, malformed or wrong
 * signature: tampered or not from Delivyr), {@link WebhookTimestampException} (stale: outside the
 * tolerance) and {@link WebhookReplayException} (an event already accepted); {@link #reason()} says
 * the same as a value.
 */
public class WebhookVerificationException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  /** Why a webhook request was rejected. */
  public enum Reason {
    /** The {@code Delivyr-Signature} header is missing or not {@code t=...,v1=...}. */
    MALFORMED_SIGNATURE_HEADER,
    /** No {@code v1} signature matches the body: tampered, or signed with another secret. */
    SIGNATURE_MISMATCH,
    /** The signed timestamp is more than the tolerance away from now. */
    TIMESTAMP_OUT_OF_TOLERANCE,
    /** An event with this id was already accepted within the tolerance window. */
    REPLAYED,
    /** The signature is valid but the body is not a Delivyr event. */
    MALFORMED_PAYLOAD
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the request was rejected
   * @param message what went wrong; never contains the secret or the signature
   */
  public WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason why the request was rejected
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public WebhookVerificationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * Why the request was rejected.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
