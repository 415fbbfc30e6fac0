package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code get_history_single}, {@code get_history_group} or {@code get_history_api}.
 *
 * @param start the offset of this page
 * @param limit the page size asked for
 * @param total how many entries match in all
 * @param messages this page's entries
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record HistoryPage(
    @JsonProperty("start") int start,
    @JsonProperty("limit") int limit,
    @JsonProperty("total") long total,
    @JsonProperty("messages") List<HistoryMessage> messages,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public HistoryPage {
    messages = Nulls.list(messages);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
