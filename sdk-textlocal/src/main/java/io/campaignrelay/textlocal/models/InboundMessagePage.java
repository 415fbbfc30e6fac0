package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code get_messages}.
 *
 * @param inboxId the inbox
 * @param start the offset of this page
 * @param limit the page size asked for
 * @param numMessages how many messages match in all
 * @param messages this page's messages
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record InboundMessagePage(
    @JsonProperty("inbox_id") String inboxId,
    @JsonProperty("start") int start,
    @JsonProperty("limit") int limit,
    @JsonProperty("num_messages") long numMessages,
    @JsonProperty("messages") List<InboundMessage> messages,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public InboundMessagePage {
    messages = Nulls.list(messages);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
