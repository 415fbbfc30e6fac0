package io.campaignrelay.textlocal;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.InvalidPhoneNumberException;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.execution.PhoneLookup;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.textlocal.models.Contact;
import io.campaignrelay.textlocal.models.CustomField;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A contact group indexed by the custom field holding the CustomerID: read once per run by paging
 * {@code get_contacts}, then used to resolve a campaign's CustomerIds to numbers (and, for metrics,
 * numbers back to CustomerIds). Implements core's {@link PhoneLookup}, so the campaign engine can
 * use it too.
 *
 * <p>A contact without a key value is skipped; when two contacts carry the same key, the first one
 * read wins. Numbers are kept as TextLocal's digits; {@link #lookup(CustomerId)} tells whether the
 * customer is missing or has a number that is not a valid international number. Immutable after
 * loading and thread-safe.
 */
public final class ContactIndex implements PhoneLookup {

  /**
   * What the index knows about one customer.
   *
   * @param contact the contact, or null when the customer is not in the group
   * @param number the valid number, or null
   * @param problem why there is no valid number, or null
   */
  public record Lookup(Contact contact, PhoneNumber number, String problem) {
    /**
     * Whether a valid number was found.
     *
     * @return true if the number is usable
     */
    public boolean found() {
      return number != null;
    }
  }

  private final String groupId;
  private final CustomField keyField;
  private final Map<String, Contact> byKey;
  private final Map<String, String> keyByDigits;

  private ContactIndex(
      String groupId,
      CustomField keyField,
      Map<String, Contact> byKey,
      Map<String, String> keyByDigits) {
    this.groupId = groupId;
    this.keyField = keyField;
    this.byKey = byKey;
    this.keyByDigits = keyByDigits;
  }

  /**
   * Reads a whole group, lazily paged, into an index.
   *
   * @param client the client
   * @param groupId the group
   * @param keyField the field holding the CustomerID
   * @return the index
   */
  public static ContactIndex load(TextLocalClient client, String groupId, CustomField keyField) {
    return of(groupId, keyField, client.listContacts(groupId));
  }

  /**
   * Indexes contacts already read.
   *
   * @param groupId the group
   * @param keyField the field holding the CustomerID
   * @param contacts the contacts
   * @return the index
   */
  public static ContactIndex of(String groupId, CustomField keyField, Iterable<Contact> contacts) {
    Map<String, Contact> byKey = new HashMap<>();
    Map<String, String> keyByDigits = new HashMap<>();
    for (Contact c : contacts) {
      String key = c.custom(keyField);
      if (key == null || key.isBlank()) {
        continue;
      }
      key = key.strip();
      if (byKey.putIfAbsent(key, c) == null && c.number() != null) {
        keyByDigits.putIfAbsent(digitsOnly(c.number()), key);
      }
    }
    return new ContactIndex(groupId, keyField, byKey, keyByDigits);
  }

  /**
   * The group indexed.
   *
   * @return the group id
   */
  public String groupId() {
    return groupId;
  }

  /**
   * The field used as key.
   *
   * @return the field
   */
  public CustomField keyField() {
    return keyField;
  }

  /**
   * How many customers the index holds.
   *
   * @return the count
   */
  public int size() {
    return byKey.size();
  }

  /**
   * Resolves a customer.
   *
   * @param customerId the customer
   * @return the contact and number, or why there is none
   */
  public Lookup lookup(CustomerId customerId) {
    Contact c = byKey.get(customerId.value());
    if (c == null) {
      return new Lookup(
          null,
          null,
          "no contact with "
              + keyField.wireName()
              + "="
              + customerId.value()
              + " in TextLocal group "
              + groupId);
    }
    String digits = c.number() == null ? "" : digitsOnly(c.number());
    try {
      return new Lookup(c, PhoneNumber.ofE164("+" + digits), null);
    } catch (InvalidPhoneNumberException e) {
      return new Lookup(
          c, null, "the contact's number is not a valid international number: " + e.getMessage());
    }
  }

  /**
   * The customer a number belongs to (for receipts and batch reports).
   *
   * @param number the number as TextLocal writes it
   * @return the customer, if the number is in the group
   */
  public Optional<CustomerId> customerOf(String number) {
    String key = number == null ? null : keyByDigits.get(digitsOnly(number));
    return key == null ? Optional.empty() : Optional.of(CustomerId.of(key));
  }

  @Override
  public PhoneNumber phoneOf(Recipient recipient) {
    Lookup l = lookup(recipient.customerId());
    if (!l.found()) {
      throw new ConfigurationException(
          "TextLocal contact",
          ConfigurationProblem.of("customerId", recipient.customerId(), l.problem()));
    }
    return l.number();
  }

  private static String digitsOnly(String number) {
    StringBuilder sb = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char ch = number.charAt(i);
      if (ch >= '0' && ch <= '9') {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ContactIndex{group=" + groupId + ", keyField=" + keyField + ", size=" + size() + '}';
  }
}
