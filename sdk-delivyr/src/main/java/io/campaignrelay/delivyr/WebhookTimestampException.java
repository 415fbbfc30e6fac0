package io.campaignrelay.delivyr;

/** The webhook's signed timestamp is too far from now: a stale (or post-dated) request. */
public final class WebhookTimestampException extends WebhookVerificationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public WebhookTimestampException(String message) {
    super(Reason.TIMESTAMP_OUT_OF_TOLERANCE, message);
  }
}
