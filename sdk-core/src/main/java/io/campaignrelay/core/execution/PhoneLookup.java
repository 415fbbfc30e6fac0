package io.campaignrelay.core.execution;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.PhoneNumberParser;
import java.util.Objects;

/**
 * Where the engine finds a recipient's phone number. The default, {@link
 * #firstAttribute(PhoneNumberParser)}, follows the SMS-channel rule that "the phone number must be
 * the first in the list" of customer attributes; {@link #attribute(String, PhoneNumberParser)}
 * reads a named attribute (for flows that resolve numbers from a contact store and add them as an
 * attribute).
 */
@FunctionalInterface
public interface PhoneLookup {

  /**
   * Finds the phone number of a recipient.
   *
   * @param recipient the recipient
   * @return the number
   * @throws ConfigurationException (or its subclass {@code InvalidPhoneNumberException}) naming the
   *     problem when the recipient has no usable number; the engine drops that recipient with
   *     reason INVALID_PHONE_FORMAT
   */
  PhoneNumber phoneOf(Recipient recipient);

  /**
   * Reads the first attribute as the phone number.
   *
   * @param parser how to read numbers
   * @return the lookup
   */
  static PhoneLookup firstAttribute(PhoneNumberParser parser) {
    Objects.requireNonNull(parser, "parser");
    return r -> r.attributes().phoneNumberFirst(parser);
  }

  /**
   * Reads a named attribute as the phone number.
   *
   * @param name the attribute name
   * @param parser how to read numbers
   * @return the lookup
   */
  static PhoneLookup attribute(String name, PhoneNumberParser parser) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parser, "parser");
    return r ->
        parser.parse(
            r.attributes()
                .value(name)
                .orElseThrow(
                    () ->
                        new ConfigurationException(
                            "recipient " + r.customerId(),
                            ConfigurationProblem.of(
                                name,
                                null,
                                "the customer has no "
                                    + name
                                    + " attribute: add it to the target"
                                    + " list's attributes"))));
  }
}
