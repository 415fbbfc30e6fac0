package io.campaignrelay.textlocal.models;

import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.PhoneNumber;
import java.util.Objects;

/**
 * A customer as the integration keeps it in the TextLocal contact group: CustomerID (written to the
 * configured custom field), first and last name, and phone number.
 *
 * @param customerId the CustomerID
 * @param firstName the first name, or null
 * @param lastName the last name, or null
 * @param phone the phone number
 */
public record CustomerContact(
    CustomerId customerId, String firstName, String lastName, PhoneNumber phone) {

  /**
   * Validates the contact.
   *
   * @throws NullPointerException if the id or the phone is null
   */
  public CustomerContact {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(phone, "phone");
  }

  /**
   * The contact as a {@code create_contacts_bulk} entry.
   *
   * @param keyField the field that holds the CustomerID
   * @return the new contact
   */
  public NewContact toNewContact(CustomField keyField) {
    return NewContact.of(phone, firstName, lastName).withCustom(keyField, customerId.value());
  }
}
