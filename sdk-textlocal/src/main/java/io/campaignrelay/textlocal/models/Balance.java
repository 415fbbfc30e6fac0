package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * The response of {@code balance}.
 *
 * @param credits the credits per channel
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record Balance(
    @JsonProperty("balance") Credits credits,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public Balance {
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }

  /**
   * Credits per channel.
   *
   * @param sms SMS credits
   * @param mms MMS credits (UK only; null on the India host)
   */
  public record Credits(@JsonProperty("sms") BigDecimal sms, @JsonProperty("mms") BigDecimal mms) {}
}
