package io.campaignrelay.textlocal;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignRelayException;

/**
 * A same-text campaign was asked to go out again after an earlier LIVE run had already handed its
 * group send to TextLocal (or may have: the answer was lost). That route is one {@code send} to a
 * temporary contact group and has no per-recipient journal, so repeating it would text the whole
 * group a second time; the flow refuses instead. Check TextLocal's history for the campaign tag (or
 * the batch ids of the ledger record) and, if nothing went out, remove the record from the {@link
 * CampaignLedger} before running again.
 */
public class CampaignAlreadySentException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  private final CampaignId campaignId;

  /**
   * Creates the exception.
   *
   * @param campaignId the campaign
   * @param earlier the ledger record of the earlier run
   */
  public CampaignAlreadySentException(CampaignId campaignId, CampaignDispatch earlier) {
    super(
        "campaign "
            + campaignId
            + " was already handed to TextLocal as a group send of "
            + earlier.submitted()
            + " contacts (tag "
            + earlier.customTag()
            + (earlier.batchIds().isEmpty()
                ? ", outcome unknown: no answer came back"
                : ", batch " + String.join(",", earlier.batchIds()))
            + "); this run sent nothing. Check TextLocal's history for that tag; if nothing went"
            + " out, remove the campaign's record from the CampaignLedger and run it again");
    this.campaignId = campaignId;
  }

  /**
   * The campaign that was refused.
   *
   * @return its id
   */
  public CampaignId campaignId() {
    return campaignId;
  }
}
