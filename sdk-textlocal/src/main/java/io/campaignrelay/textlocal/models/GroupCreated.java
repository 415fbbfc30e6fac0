package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code create_group}.
 *
 * @param group the new group (id and name)
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record GroupCreated(
    @JsonProperty("group") Group group,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public GroupCreated {
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
