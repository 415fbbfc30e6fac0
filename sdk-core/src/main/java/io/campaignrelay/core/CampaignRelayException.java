package io.campaignrelay.core;

/**
 * Root of every exception Campaign Relay throws. Unchecked, like the exceptions of the AWS and
 * Azure SDKs: catch it to handle anything the SDK can raise, or catch a subclass for one kind of
 * failure.
 *
 * <p>Messages never contain secrets: credentials are held as {@link Secret} and print redacted.
 */
public class CampaignRelayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and, where possible, how to fix it
   */
  public CampaignRelayException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and, where possible, how to fix it
   * @param cause the underlying failure
   */
  public CampaignRelayException(String message, Throwable cause) {
    super(message, cause);
  }
}
