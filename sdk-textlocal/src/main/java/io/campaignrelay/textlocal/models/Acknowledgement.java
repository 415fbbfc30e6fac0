package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of commands that return only their status: {@code delete_group} and {@code
 * cancel_scheduled} (whose full response shape is UNKNOWN; extra fields are ignored).
 *
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record Acknowledgement(
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public Acknowledgement {
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
