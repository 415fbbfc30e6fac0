package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code delete_contact}.
 *
 * @param groupId the group
 * @param number the removed number
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record ContactDeleted(
    @JsonProperty("group_id") String groupId,
    @JsonProperty("number") String number,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public ContactDeleted {
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
