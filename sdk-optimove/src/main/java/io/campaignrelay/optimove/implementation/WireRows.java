package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The JSON rows exactly as they travel, named as the wire names them. Request rows are written by
 * Retrofit's Jackson converter; response rows that need post-processing (positional attributes,
 * comma-separated promo codes) are read here and turned into public models by the client; the
 * target pages (millions of rows) are streamed by {@link TargetRows} instead.
 */
public final class WireRows {
  private WireRows() {}

  /**
   * A row of AddChannelTemplates.
   *
   * @param templateId the numeric template id
   * @param templateName the name shown in Optimove
   */
  public record TemplateRow(
      @JsonProperty("TemplateID") long templateId,
      @JsonProperty("TemplateName") String templateName) {}

  /**
   * A row of DeleteChannelTemplates.
   *
   * @param channelId the channel
   * @param templateId the template
   */
  public record TemplateDeletionRow(
      @JsonProperty("ChannelID") int channelId, @JsonProperty("TemplateID") long templateId) {}

  /**
   * A row of AddPromotions.
   *
   * @param promoCode the code
   * @param promotionName the name
   */
  public record PromotionRow(
      @JsonProperty("PromoCode") String promoCode,
      @JsonProperty("PromotionName") String promotionName) {}

  /**
   * A row of DeletePromotions.
   *
   * @param promoCode the code
   */
  public record PromoCodeRow(@JsonProperty("PromoCode") String promoCode) {}

  /**
   * A row of UpdateCampaignMetrics.
   *
   * @param channelId the channel
   * @param campaignId the campaign
   * @param templateId the template
   * @param metricId the metric
   * @param metricValue the value
   */
  public record CampaignMetricRow(
      @JsonProperty("ChannelID") int channelId,
      @JsonProperty("CampaignID") long campaignId,
      @JsonProperty("TemplateID") long templateId,
      @JsonProperty("MetricID") int metricId,
      @JsonProperty("MetricValue") long metricValue) {}

  /**
   * The body of UpdateCampaignInteractions.
   *
   * @param campaignId the campaign
   * @param channelId the channel
   * @param interactionDate {@code YYYY-MM-DD}
   * @param templateId the template
   * @param eventId the interaction event id
   * @param recipientGroupId the recipient group (1 by default)
   * @param customerIds at most 10,000 ids
   * @param appId the app id (push channels), or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InteractionsBody(
      @JsonProperty("CampaignID") long campaignId,
      @JsonProperty("ChannelID") int channelId,
      @JsonProperty("InteractionDate") String interactionDate,
      @JsonProperty("TemplateID") long templateId,
      @JsonProperty("EventID") int eventId,
      @JsonProperty("RecipientGroupID") int recipientGroupId,
      @JsonProperty("CustomerIDs") List<String> customerIds,
      @JsonProperty("AppID") String appId) {}

  /**
   * The body of Register/UnregisterEventListener.
   *
   * @param eventTypeId the event type
   * @param listenerUrl the URL (null when unregistering)
   * @param channelId the channel, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListenerRow(
      @JsonProperty("EventTypeID") int eventTypeId,
      @JsonProperty("ListenerURL") String listenerUrl,
      @JsonProperty("ChannelID") Integer channelId) {}

  /**
   * A response row of GetCanceledCampaignCustomers.
   *
   * @param customerId the customer
   * @param actionId the action
   * @param promoCode comma-separated promo codes (an array is accepted too)
   */
  public record CanceledRow(
      @JsonProperty("CustomerID") String customerId,
      @JsonProperty("ActionID") Long actionId,
      @JsonProperty("PromoCode") JsonNode promoCode) {}
}
