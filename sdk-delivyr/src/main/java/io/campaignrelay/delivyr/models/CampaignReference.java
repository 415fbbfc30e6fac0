package io.campaignrelay.delivyr.models;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The Optimove campaign a message belongs to, sent with each message so that Delivyr can report
 * engagement metrics against it.
 *
 * @param optimoveCampaignId the CampaignID: an integer for scheduled campaigns, a dotted string
 *     such as {@code 2.38} for triggered ones
 * @param channelId the Optimove channel: 452 (scheduled SMS) or 250 (triggered SMS)
 * @param optimoveTemplateId the Optimove TemplateID (see {@code TemplateIdMapping})
 */
public record CampaignReference(String optimoveCampaignId, int channelId, long optimoveTemplateId) {
  private static final java.util.regex.Pattern CAMPAIGN_ID =
      java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)*");

  /** Optimove channel of Delivyr Scheduled SMS. */
  public static final int SCHEDULED_SMS_CHANNEL = 452;

  /** Optimove channel of Delivyr Triggered SMS. */
  public static final int TRIGGERED_SMS_CHANNEL = 250;

  /**
   * Validates the components.
   *
   * @throws ConfigurationException listing every invalid component
   */
  public CampaignReference {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (optimoveCampaignId == null || !CAMPAIGN_ID.matcher(optimoveCampaignId).matches()) {
      problems.add(
          ConfigurationProblem.of(
              "optimoveCampaignId",
              optimoveCampaignId,
              "give Optimove's CampaignID: an integer (scheduled) or dotted digits such as 2.38"
                  + " (triggered)"));
    }
    if (channelId <= 0) {
      problems.add(
          ConfigurationProblem.of(
              "channelId", channelId, "use 452 (scheduled SMS) or 250 (triggered SMS)"));
    }
    if (optimoveTemplateId <= 0) {
      problems.add(
          ConfigurationProblem.of(
              "optimoveTemplateId",
              optimoveTemplateId,
              "give the positive Optimove TemplateID of the template"));
    }
    ConfigurationException.throwIfAny("campaign reference", problems);
  }
}
