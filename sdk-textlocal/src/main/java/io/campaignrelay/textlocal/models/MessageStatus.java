package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The response of {@code status_message}.
 *
 * @param message the message's status
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record MessageStatus(
    @JsonProperty("message") Item message,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public MessageStatus {
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }

  /**
   * One message's status.
   *
   * @param id the message id
   * @param recipient the recipient's digits
   * @param type the message type, e.g. {@code sms}
   * @param deliveryStatus the status letter
   * @param date when the status was recorded (zone not documented)
   */
  public record Item(
      @JsonProperty("id") String id,
      @JsonProperty("recipient") String recipient,
      @JsonProperty("type") String type,
      @JsonProperty("status") DeliveryStatus deliveryStatus,
      @JsonProperty("date") @JsonFormat(pattern = "yyyy-MM-dd HH:mm:ss") LocalDateTime date) {}
}
