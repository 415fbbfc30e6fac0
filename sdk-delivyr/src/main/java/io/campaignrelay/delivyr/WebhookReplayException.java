package io.campaignrelay.delivyr;

/** A correctly signed webhook event that was already accepted: a replay. */
public final class WebhookReplayException extends WebhookVerificationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public WebhookReplayException(String message) {
    super(Reason.REPLAYED, message);
  }
}
