package io.campaignrelay.delivyr.models;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;

/**
 * Filters of {@code GET templates}. Every component is optional (null).
 *
 * @param status only templates with this status
 * @param channel only templates offered in this channel kind
 * @param pageSize items per page, 1 to 1000 (Delivyr's default is 100), or null
 */
public record TemplateListOptions(
    TemplateStatus status, TemplateChannel channel, Integer pageSize) {

  /**
   * Validates the page size.
   *
   * @throws ConfigurationException if the page size is outside 1 to 1000
   */
  public TemplateListOptions {
    MessageListOptions.checkPageSize(pageSize);
  }

  /**
   * No filter: every template.
   *
   * @return the options
   */
  public static TemplateListOptions all() {
    return new TemplateListOptions(null, null, null);
  }

  /**
   * The approved templates of one channel kind: what Optimove offers for that channel.
   *
   * @param channel the channel kind
   * @return the options
   */
  public static TemplateListOptions approved(TemplateChannel channel) {
    return new TemplateListOptions(TemplateStatus.APPROVED, channel, null);
  }

  static ConfigurationProblem pageSizeProblem(Integer pageSize) {
    return ConfigurationProblem.of("pageSize", pageSize, "use 1 to 1000, or null for 100");
  }
}
