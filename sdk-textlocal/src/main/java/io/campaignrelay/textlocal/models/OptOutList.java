package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code get_optouts} (shape INFERRED: {@code num_optouts} and {@code optouts}).
 *
 * @param numOptOuts the count TextLocal reports, 0 when absent
 * @param optOuts the opted-out numbers
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record OptOutList(
    @JsonProperty("num_optouts") int numOptOuts,
    @JsonProperty("optouts") List<OptOut> optOuts,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public OptOutList {
    optOuts = Nulls.list(optOuts);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
