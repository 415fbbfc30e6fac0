package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.campaignrelay.optimove.implementation.LenientStrings;
import java.util.List;

/**
 * What GetChannelTemplateDetails returns for a template. The shape of {@code TemplateAttributes} is
 * not documented (INFERRED: attribute names); each element is kept as text.
 *
 * @param templateId the template id
 * @param templateName the name
 * @param templateContent the content, or null
 * @param templateAttributes the attributes the template uses, possibly empty
 */
public record ChannelTemplateDetails(
    @JsonProperty("TemplateID") long templateId,
    @JsonProperty("TemplateName") String templateName,
    @JsonProperty("TemplateContent") String templateContent,
    @JsonProperty("TemplateAttributes") @JsonDeserialize(using = LenientStrings.class)
        List<String> templateAttributes) {

  /**
   * Normalises a missing attribute list to empty.
   *
   * @param templateId the template id
   * @param templateName the name
   * @param templateContent the content
   * @param templateAttributes the attributes
   */
  public ChannelTemplateDetails {
    templateAttributes = templateAttributes == null ? List.of() : List.copyOf(templateAttributes);
  }
}
