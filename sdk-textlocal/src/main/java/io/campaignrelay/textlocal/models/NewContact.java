package io.campaignrelay.textlocal.models;

import io.campaignrelay.core.PhoneNumber;
import java.util.Objects;

/**
 * A contact to create with {@code create_contacts_bulk}. The number is rendered as international
 * digits without the plus, as TextLocal requires.
 *
 * @param number the phone number
 * @param firstName the first name, or null
 * @param lastName the last name, or null
 * @param custom1 Custom 1, or null
 * @param custom2 Custom 2, or null
 * @param custom3 Custom 3, or null
 */
public record NewContact(
    PhoneNumber number,
    String firstName,
    String lastName,
    String custom1,
    String custom2,
    String custom3) {

  /**
   * Validates the number.
   *
   * @throws NullPointerException if the number is null
   */
  public NewContact {
    Objects.requireNonNull(number, "number");
  }

  /**
   * A contact with a number and a name.
   *
   * @param number the phone number
   * @param firstName the first name, or null
   * @param lastName the last name, or null
   * @return the contact
   */
  public static NewContact of(PhoneNumber number, String firstName, String lastName) {
    return new NewContact(number, firstName, lastName, null, null, null);
  }

  /**
   * A copy with one custom field set.
   *
   * @param field which field
   * @param value the value, or null
   * @return the copy
   */
  public NewContact withCustom(CustomField field, String value) {
    return switch (field) {
      case CUSTOM1 -> new NewContact(number, firstName, lastName, value, custom2, custom3);
      case CUSTOM2 -> new NewContact(number, firstName, lastName, custom1, value, custom3);
      case CUSTOM3 -> new NewContact(number, firstName, lastName, custom1, custom2, value);
    };
  }
}
