package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code get_scheduled} (the documented sample omits {@code status}; it is not
 * required).
 *
 * @param scheduled the scheduled sends
 * @param status the envelope status, possibly null
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record ScheduledList(
    @JsonProperty("scheduled") List<ScheduledMessage> scheduled,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public ScheduledList {
    scheduled = Nulls.list(scheduled);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
