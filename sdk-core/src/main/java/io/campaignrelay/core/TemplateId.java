package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;

/**
 * A template identifier as some system knows it: a vendor's own template id (e.g. numeric, or eight
 * upper-case letters and digits) or the marketing platform's numeric TemplateID. Opaque text;
 * vendor modules validate their own formats.
 *
 * @param value the id; not blank, no surrounding whitespace, no control characters, at most {@value
 *     #MAX_LENGTH} characters
 */
public record TemplateId(String value) implements Comparable<TemplateId> {

  /** Longest id accepted. */
  public static final int MAX_LENGTH = 128;

  /**
   * Validates the id.
   *
   * @throws ConfigurationException if the id is blank, padded, too long or has control characters
   */
  public TemplateId {
    String fix = null;
    if (value == null || value.isBlank()) {
      fix = "is blank: give the template's id";
    } else if (!value.strip().equals(value)) {
      fix = "has leading or trailing whitespace: trim it";
    } else if (value.length() > MAX_LENGTH) {
      fix = "is " + value.length() + " characters long: give at most " + MAX_LENGTH;
    } else if (Texts.hasControl(value)) {
      fix = "has control characters: give the id without tabs or line breaks";
    }
    if (fix != null) {
      throw new ConfigurationException(
          "template id", ConfigurationProblem.of("templateId", Texts.printable(value), fix));
    }
  }

  /**
   * Creates a template id.
   *
   * @param value the id
   * @return the id
   * @throws ConfigurationException if the id is blank, padded, too long or has control characters
   */
  public static TemplateId of(String value) {
    return new TemplateId(value);
  }

  /**
   * Creates a numeric template id.
   *
   * @param value the number, zero or more
   * @return the id
   * @throws ConfigurationException if the number is negative
   */
  public static TemplateId of(long value) {
    if (value < 0) {
      throw new ConfigurationException(
          "template id",
          ConfigurationProblem.of("templateId", value, "is negative: give the template's id"));
    }
    return new TemplateId(Long.toString(value));
  }

  @Override
  public int compareTo(TemplateId other) {
    return value.compareTo(other.value);
  }

  /** Returns the id itself. */
  @Override
  public String toString() {
    return value;
  }
}
