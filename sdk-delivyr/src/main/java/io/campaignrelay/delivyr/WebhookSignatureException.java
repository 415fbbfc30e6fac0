package io.campaignrelay.delivyr;

/**
 * The webhook's signature header is missing or malformed, or no signature in it matches the body:
 * the request was tampered with or does not come from Delivyr.
 */
public final class WebhookSignatureException extends WebhookVerificationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason {@link Reason#MALFORMED_SIGNATURE_HEADER} or {@link Reason#SIGNATURE_MISMATCH}
   * @param message what went wrong
   */
  public WebhookSignatureException(Reason reason, String message) {
    super(reason, message);
  }
}
