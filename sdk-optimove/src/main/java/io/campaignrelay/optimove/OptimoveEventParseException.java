package io.campaignrelay.optimove;

import io.campaignrelay.core.CampaignRelayException;

/**
 * A listener payload could not be read as an Optimove notification. The message names the problem
 * without repeating the payload (it may hold personal data). A listener should answer such a
 * request with HTTP 400.
 */
public class OptimoveEventParseException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the payload
   * @param cause the parse failure, or null
   */
  public OptimoveEventParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
