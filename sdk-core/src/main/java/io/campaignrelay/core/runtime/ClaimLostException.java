package io.campaignrelay.core.runtime;

import io.campaignrelay.core.CampaignRelayException;

/**
 * This instance's claim on a campaign lapsed and another instance took it over, or another instance
 * holds it now: this instance stops (after the batch in hand, which its journal records) and leaves
 * the campaign to the holder. The job is retried later and finds the campaign done or still held.
 */
public final class ClaimLostException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   */
  public ClaimLostException(String message) {
    super(message);
  }
}
