package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A template as an Optimove channel lists it ({@code {"TemplateID": int, "TemplateName": string}}).
 * Optimove requires an integer TemplateID and a non-empty name; the client checks both before
 * sending. The id is a {@code long} because ids derived from vendor codes exceed 32 bits (e.g.
 * {@code 2698724035425} in a published triggered payload).
 *
 * @param templateId the numeric template id, zero or more
 * @param templateName the name shown in Optimove's template picker
 */
public record ChannelTemplate(
    @JsonProperty("TemplateID") long templateId,
    @JsonProperty("TemplateName") String templateName) {

  /**
   * Creates a template row.
   *
   * @param templateId the numeric id
   * @param templateName the name
   * @return the row
   */
  public static ChannelTemplate of(long templateId, String templateName) {
    return new ChannelTemplate(templateId, templateName);
  }
}
