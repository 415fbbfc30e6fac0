package io.campaignrelay.core.template;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.implementation.Texts;

/**
 * The name prefix that routes templates to a contact group when one account has several: exactly
 * three letters and an underscore, e.g. {@code OPT_}. Only templates whose name starts with the
 * prefix belong to that group.
 *
 * <p>Whether the vendor compares names case-sensitively is not documented (INFERRED: yes); {@link
 * #matches(String)} is case-sensitive and {@link #matchesIgnoringCase(String)} is not; {@link
 * TemplateRouting} lets you choose.
 *
 * @param value three ASCII letters followed by {@code _}
 */
public record TemplatePrefix(String value) {

  /**
   * Validates the prefix.
   *
   * @throws ConfigurationException if it is not three letters and an underscore
   */
  public TemplatePrefix {
    if (!isValid(value)) {
      throw new ConfigurationException(
          "template prefix",
          ConfigurationProblem.of(
              "templatePrefix",
              Texts.printable(value),
              "is not three letters and an underscore: give a prefix such as 'OPT_'"));
    }
  }

  /**
   * Creates a prefix.
   *
   * @param value e.g. {@code "OPT_"}
   * @return the prefix
   * @throws ConfigurationException if it is not three letters and an underscore
   */
  public static TemplatePrefix of(String value) {
    return new TemplatePrefix(value);
  }

  private static boolean isValid(String v) {
    if (v == null || v.length() != 4 || v.charAt(3) != '_') {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = v.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a template name starts with this prefix, case-sensitively.
   *
   * @param templateName the name
   * @return true if it starts with the prefix
   */
  public boolean matches(String templateName) {
    return templateName != null && templateName.startsWith(value);
  }

  /**
   * Whether a template name starts with this prefix, ignoring case.
   *
   * @param templateName the name
   * @return true if it starts with the prefix in any case
   */
  public boolean matchesIgnoringCase(String templateName) {
    return templateName != null && templateName.regionMatches(true, 0, value, 0, value.length());
  }

  /** Returns the prefix. */
  @Override
  public String toString() {
    return value;
  }
}
