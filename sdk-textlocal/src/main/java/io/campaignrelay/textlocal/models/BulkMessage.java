package io.campaignrelay.textlocal.models;

import io.campaignrelay.core.PhoneNumber;
import java.util.Objects;

/**
 * One personalised message of a {@code bulk_json} send.
 *
 * @param number the recipient, sent as international digits
 * @param text its own text, at most 765 GSM characters
 * @param uniqueId an optional per-message key echoed in {@code messages_not_sent} (INFERRED), or
 *     null
 */
public record BulkMessage(PhoneNumber number, String text, String uniqueId) {

  /**
   * Validates the message.
   *
   * @throws NullPointerException if number or text is null
   */
  public BulkMessage {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(text, "text");
  }

  /**
   * A message without a key.
   *
   * @param number the recipient
   * @param text the text
   * @return the message
   */
  public static BulkMessage of(PhoneNumber number, String text) {
    return new BulkMessage(number, text, null);
  }
}
