package io.campaignrelay.testkit;

import java.util.Objects;

/**
 * A contact in a fake TextLocal group. Absent values are empty strings.
 *
 * @param number international digits without {@code +}
 * @param firstName first name
 * @param lastName last name
 * @param custom1 Custom 1 (Optimove's CustomerID usually lives in one of the three)
 * @param custom2 Custom 2
 * @param custom3 Custom 3
 */
public record TextLocalContact(
    String number,
    String firstName,
    String lastName,
    String custom1,
    String custom2,
    String custom3) {

  /**
   * Checks that no component is null.
   *
   * @param number the number
   * @param firstName first name
   * @param lastName last name
   * @param custom1 Custom 1
   * @param custom2 Custom 2
   * @param custom3 Custom 3
   */
  public TextLocalContact {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(custom1, "custom1");
    Objects.requireNonNull(custom2, "custom2");
    Objects.requireNonNull(custom3, "custom3");
  }

  /**
   * A contact from a customer, with the CustomerID in the given custom field.
   *
   * @param customer the customer
   * @param customField 1, 2 or 3
   * @return the contact
   */
  public static TextLocalContact of(FakeCustomer customer, int customField) {
    if (customField < 1 || customField > 3) {
      throw new IllegalArgumentException(
          "customField is " + customField + ": TextLocal has Custom 1, 2 and 3; use 1..3");
    }
    String id = customer.customerId();
    return new TextLocalContact(
        customer.textLocalNumber(),
        customer.firstName(),
        customer.lastName(),
        customField == 1 ? id : "",
        customField == 2 ? id : "",
        customField == 3 ? id : "");
  }
}
