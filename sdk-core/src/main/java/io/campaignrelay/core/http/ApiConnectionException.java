package io.campaignrelay.core.http;

import io.campaignrelay.core.CampaignRelayException;

/**
 * The call did not produce a readable HTTP response. {@link #outcomeUnknown()} says which case it
 * is:
 *
 * <ul>
 *   <li>{@code false}: the request never reached the server (DNS, connect refused, TLS handshake)
 *       or could not even be built, so nothing happened there and it is safe to try again;
 *   <li>{@code true}: the request was written but no usable response came back (read timeout,
 *       reset, or a successful status whose body could not be read: {@link
 *       UnreadableResponseException}). The server may or may not have acted on it. For a send,
 *       check the vendor's records before sending again, or send with an idempotency key.
 * </ul>
 */
public class ApiConnectionException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  private final boolean outcomeUnknown;
  private final int attempts;

  /**
   * Creates the exception.
   *
   * @param message what happened, with the method and the redacted URL
   * @param outcomeUnknown true when the request may have reached the server
   * @param attempts how many attempts were made
   * @param cause the I/O failure
   */
  public ApiConnectionException(
      String message, boolean outcomeUnknown, int attempts, Throwable cause) {
    super(message, cause);
    this.outcomeUnknown = outcomeUnknown;
    this.attempts = attempts;
  }

  /**
   * Whether the request may have reached the server and been acted on.
   *
   * @return true when the outcome is unknown, false when the request provably never arrived
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  /**
   * How many attempts were made before giving up.
   *
   * @return the attempt count; 0 only when the request could not be built
   */
  public int attempts() {
    return attempts;
  }
}
