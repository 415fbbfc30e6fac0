package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code get_sender_names}.
 *
 * @param defaultSenderName the account's default sender
 * @param senderNames the approved sender names
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record SenderNames(
    @JsonProperty("default_sender_name") String defaultSenderName,
    @JsonProperty("sender_names") List<String> senderNames,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public SenderNames {
    senderNames = Nulls.list(senderNames);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
