package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code get_groups}.
 *
 * @param numGroups how many groups the account has
 * @param groups the groups
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record GroupList(
    @JsonProperty("num_groups") int numGroups,
    @JsonProperty("groups") List<Group> groups,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public GroupList {
    groups = Nulls.list(groups);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
