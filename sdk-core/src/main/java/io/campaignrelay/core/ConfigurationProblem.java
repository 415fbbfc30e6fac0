package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;
import java.util.Objects;

/**
 * One problem found while validating a configuration or an input: the field, the offending value
 * (already redacted when the field is secret) and how to fix it.
 *
 * @param field the name of the field or setting, e.g. {@code "apiEndpoint"}
 * @param value the rejected value as text, redacted for secrets; {@code "<missing>"} when absent
 * @param fix what the caller should do instead
 */
public record ConfigurationProblem(String field, String value, String fix) {

  /** Text shown for a value that was not given. */
  public static final String MISSING = "<missing>";

  /**
   * Validates the components.
   *
   * @throws NullPointerException if any component is null
   */
  public ConfigurationProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * A problem about a value that may be printed.
   *
   * @param field the field name
   * @param value the rejected value; {@code null} is shown as {@value #MISSING}
   * @param fix how to fix it
   * @return the problem
   */
  public static ConfigurationProblem of(String field, Object value, String fix) {
    return new ConfigurationProblem(field, value == null ? MISSING : String.valueOf(value), fix);
  }

  /**
   * A problem about a secret value: the value itself is never kept.
   *
   * @param field the field name
   * @param fix how to fix it
   * @return the problem, its value shown as {@value Secret#REDACTED}
   */
  public static ConfigurationProblem ofSecret(String field, String fix) {
    return new ConfigurationProblem(field, Secret.REDACTED, fix);
  }

  /**
   * Renders an input value for a problem's value or fix: control characters are shown as {@code
   * \}{@code uXXXX}, so a message never breaks a log line, and a long value is cut. Never pass a
   * secret: use {@link #ofSecret(String, String)}.
   *
   * @param value the value, may be null
   * @return the printable value, {@value #MISSING} for null
   */
  public static String printable(CharSequence value) {
    return Texts.printable(value);
  }

  /** Renders {@code field='value': fix}. */
  @Override
  public String toString() {
    return field + "='" + value + "': " + fix;
  }
}
