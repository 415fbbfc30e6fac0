package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.campaignrelay.optimove.implementation.LenientStrings;
import java.util.List;

/**
 * What actions/GetCampaignDetails returns. Field types are not documented, so text is used where
 * Optimove may send a number or a word; every field may be null.
 *
 * @param targetGroupId the target group
 * @param campaignType the campaign type
 * @param duration the duration (days)
 * @param leadTime the lead time (days)
 * @param notes free notes
 * @param multiChannel whether the campaign uses several channels
 * @param recurrence whether it recurs
 * @param status its status
 * @param error an error text
 * @param tags its tags, possibly empty
 * @param channels its channels (newer responses), possibly empty
 */
public record CampaignDetails(
    @JsonProperty("TargetGroupID") Long targetGroupId,
    @JsonProperty("CampaignType") String campaignType,
    @JsonProperty("Duration") Integer duration,
    @JsonProperty("LeadTime") Integer leadTime,
    @JsonProperty("Notes") String notes,
    @JsonProperty("IsMultiChannel") Boolean multiChannel,
    @JsonProperty("IsRecurrence") Boolean recurrence,
    @JsonProperty("Status") String status,
    @JsonProperty("Error") String error,
    @JsonProperty("Tags") @JsonDeserialize(using = LenientStrings.class) List<String> tags,
    @JsonProperty("Channels") List<CampaignChannel> channels) {

  /**
   * Normalises missing lists to empty.
   *
   * @param targetGroupId the target group
   * @param campaignType the campaign type
   * @param duration the duration
   * @param leadTime the lead time
   * @param notes the notes
   * @param multiChannel multi-channel flag
   * @param recurrence recurrence flag
   * @param status the status
   * @param error the error
   * @param tags the tags
   * @param channels the channels
   */
  public CampaignDetails {
    tags = tags == null ? List.of() : List.copyOf(tags);
    channels = channels == null ? List.of() : List.copyOf(channels);
  }
}
