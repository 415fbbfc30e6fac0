package io.campaignrelay.optimove.models;

import java.util.Objects;

/**
 * One finding of the integration check: how bad it is, the setting, the value (never a secret) and
 * the fix.
 *
 * @param severity {@link Severity#ERROR} blocks the integration; {@link Severity#WARNING} works but
 *     should be fixed
 * @param field the setting, e.g. {@code "endpoint"}
 * @param value the offending value as text, or {@code "<missing>"}
 * @param fix what to do
 */
public record IntegrationProblem(Severity severity, String field, String value, String fix) {

  /**
   * Validates the components.
   *
   * @param severity the severity
   * @param field the field
   * @param value the value
   * @param fix the fix
   */
  public IntegrationProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(field, "field");
    value = value == null ? "<missing>" : value;
    Objects.requireNonNull(fix, "fix");
  }

  /** How bad a finding is. */
  public enum Severity {
    /** The integration cannot work as configured. */
    ERROR,
    /** The integration works, but the setting is risky (e.g. an over-permissive key). */
    WARNING
  }

  /** Renders {@code SEVERITY field='value': fix}. */
  @Override
  public String toString() {
    return severity + " " + field + "='" + value + "': " + fix;
  }
}
