package io.campaignrelay.core.execution;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.TemplateId;
import java.util.Objects;

/**
 * One template as published to a channel: the vendor's id, the id the channel (the marketing
 * platform) knows it by, and the name shown there.
 *
 * @param vendorTemplateId the vendor's template id
 * @param channelTemplateId the id in the channel
 * @param channel the channel
 * @param displayName the name shown in the channel
 */
public record PublishedTemplate(
    TemplateId vendorTemplateId,
    TemplateId channelTemplateId,
    ChannelId channel,
    String displayName) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public PublishedTemplate {
    Objects.requireNonNull(vendorTemplateId, "vendorTemplateId");
    Objects.requireNonNull(channelTemplateId, "channelTemplateId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(displayName, "displayName");
  }
}
