package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code get_contacts}.
 *
 * @param groupId the group
 * @param start the offset of this page
 * @param limit the page size asked for
 * @param numContacts how many contacts the group holds in all
 * @param contacts this page's contacts
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record ContactPage(
    @JsonProperty("group_id") String groupId,
    @JsonProperty("start") int start,
    @JsonProperty("limit") int limit,
    @JsonProperty("num_contacts") long numContacts,
    @JsonProperty("contacts") List<Contact> contacts,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public ContactPage {
    contacts = Nulls.list(contacts);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
