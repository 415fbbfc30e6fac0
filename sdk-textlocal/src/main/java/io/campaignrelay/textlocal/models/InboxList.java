package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code get_inboxes}.
 *
 * @param numInboxes how many inboxes
 * @param inboxes the inboxes
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record InboxList(
    @JsonProperty("num_inboxes") int numInboxes,
    @JsonProperty("inboxes") List<Inbox> inboxes,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public InboxList {
    inboxes = Nulls.list(inboxes);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
