package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code get_templates}. TextLocal documents no paging for it.
 *
 * @param templates the templates
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record TemplateList(
    @JsonProperty("templates") List<Template> templates,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public TemplateList {
    templates = Nulls.list(templates);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
