package io.campaignrelay.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One customer of a fake Optimove tenant (and the matching contact of a fake SMS vendor).
 *
 * @param customerId the Optimove CustomerID
 * @param mobileNumber the phone in E.164 with a leading {@code +} (may be deliberately invalid, see
 *     {@link SyntheticCustomers.Builder#invalidPhoneRate(double)})
 * @param firstName the first name
 * @param lastName the last name
 * @param email the e-mail address
 * @param country the ISO country code
 * @param language the ISO language code
 */
public record FakeCustomer(
    String customerId,
    String mobileNumber,
    String firstName,
    String lastName,
    String email,
    String country,
    String language) {

  /** Optimove RealFieldName of the phone attribute. */
  public static final String MOBILE_NUMBER = "MOBILE_NUMBER";

  /** Optimove RealFieldName of the first name attribute. */
  public static final String FIRST_NAME = "FIRST_NAME";

  /** Optimove RealFieldName of the last name attribute. */
  public static final String LAST_NAME = "LAST_NAME";

  /** Optimove RealFieldName of the e-mail attribute. */
  public static final String EMAIL = "EMAIL";

  /** Optimove RealFieldName of the country attribute. */
  public static final String COUNTRY = "COUNTRY";

  /** Optimove RealFieldName of the language attribute. */
  public static final String LANGUAGE = "LANGUAGE";

  /**
   * Checks that no component is null.
   *
   * @param customerId the Optimove CustomerID
   * @param mobileNumber the phone
   * @param firstName the first name
   * @param lastName the last name
   * @param email the e-mail address
   * @param country the country
   * @param language the language
   */
  public FakeCustomer {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(mobileNumber, "mobileNumber");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(language, "language");
  }

  /**
   * The phone as TextLocal wants it: international digits without {@code +}.
   *
   * @return the digits
   */
  public String textLocalNumber() {
    return mobileNumber.startsWith("+") ? mobileNumber.substring(1) : mobileNumber;
  }

  /**
   * The Optimove attributes of this customer, phone first, keyed by RealFieldName.
   *
   * @return an ordered, new map
   */
  public Map<String, String> attributes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MOBILE_NUMBER, mobileNumber);
    m.put(FIRST_NAME, firstName);
    m.put(LAST_NAME, lastName);
    m.put(EMAIL, email);
    m.put(COUNTRY, country);
    m.put(LANGUAGE, language);
    return m;
  }
}
