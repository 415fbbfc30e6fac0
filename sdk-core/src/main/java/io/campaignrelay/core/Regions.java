package io.campaignrelay.core;

import java.util.Locale;
import java.util.Set;

/** Region-code helpers for the phone-number types. Package-private. */
final class Regions {

  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  private Regions() {}

  static String upper(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }

  static boolean isTwoLetters(String code) {
    return code.length() == 2
        && code.charAt(0) >= 'A'
        && code.charAt(0) <= 'Z'
        && code.charAt(1) >= 'A'
        && code.charAt(1) <= 'Z';
  }

  /**
   * Whether the code is an assigned ISO 3166-1 alpha-2 code (as the JDK lists them), or {@code XK}
   * (Kosovo, user-assigned but used by numbering plans).
   */
  static boolean isKnownCountry(String code) {
    return isTwoLetters(code) && (ISO_COUNTRIES.contains(code) || code.equals("XK"));
  }

  /** The fix for a region code that is not a known country; names GB when given UK. */
  static String unknownCountryFix(String code) {
    if (code.equals("UK")) {
      return "is not an ISO 3166-1 alpha-2 code: the United Kingdom is GB";
    }
    return "is not an ISO 3166-1 alpha-2 country code: give two letters such as GB, IN or US";
  }
}
