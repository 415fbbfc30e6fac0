package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A contact of a group ({@code get_contacts}).
 *
 * @param number the international digits (a number or string on the wire; kept as text)
 * @param firstName the first name, or null
 * @param lastName the last name, or null
 * @param custom1 Custom 1, or null
 * @param custom2 Custom 2, or null
 * @param custom3 Custom 3, or null
 */
public record Contact(
    @JsonProperty("number") String number,
    @JsonProperty("first_name") String firstName,
    @JsonProperty("last_name") String lastName,
    @JsonProperty("custom1") String custom1,
    @JsonProperty("custom2") String custom2,
    @JsonProperty("custom3") String custom3) {

  /**
   * The value of one custom field.
   *
   * @param field which field
   * @return its value, or null
   */
  public String custom(CustomField field) {
    return switch (field) {
      case CUSTOM1 -> custom1;
      case CUSTOM2 -> custom2;
      case CUSTOM3 -> custom3;
    };
  }
}
