package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code create_contacts} and {@code create_contacts_bulk}.
 *
 * @param groupId the group
 * @param numContacts how many contacts were created (or updated)
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings, e.g. for numbers TextLocal skipped
 */
public record ContactsCreated(
    @JsonProperty("group_id") String groupId,
    @JsonProperty("num_contacts") int numContacts,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public ContactsCreated {
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
