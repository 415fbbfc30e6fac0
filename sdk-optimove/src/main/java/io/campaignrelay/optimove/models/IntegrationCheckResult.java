package io.campaignrelay.optimove.models;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.List;

/**
 * Everything the integration check found, at once: every problem, and the attributes the API key
 * can see (to offer in a picker, like Delivyr's "Find Attributes").
 *
 * @param problems every finding, errors and warnings, in the order found
 * @param visibleAttributes the attribute names the key can read, or empty if they could not be read
 */
public record IntegrationCheckResult(
    List<IntegrationProblem> problems, List<String> visibleAttributes) {

  /**
   * Copies the lists.
   *
   * @param problems the problems
   * @param visibleAttributes the visible attributes
   */
  public IntegrationCheckResult {
    problems = List.copyOf(problems);
    visibleAttributes = List.copyOf(visibleAttributes);
  }

  /**
   * Whether nothing blocks the integration (warnings allowed).
   *
   * @return true when there is no error
   */
  public boolean isOk() {
    return errors().isEmpty();
  }

  /**
   * The blocking findings.
   *
   * @return the errors
   */
  public List<IntegrationProblem> errors() {
    return problems.stream()
        .filter(p -> p.severity() == IntegrationProblem.Severity.ERROR)
        .toList();
  }

  /**
   * The non-blocking findings.
   *
   * @return the warnings
   */
  public List<IntegrationProblem> warnings() {
    return problems.stream()
        .filter(p -> p.severity() == IntegrationProblem.Severity.WARNING)
        .toList();
  }

  /**
   * Throws when there is at least one error, listing every error at once.
   *
   * @throws ConfigurationException naming each failing setting, its value and the fix
   */
  public void throwIfErrors() {
    List<ConfigurationProblem> list =
        errors().stream()
            .map(p -> new ConfigurationProblem(p.field(), p.value(), p.fix()))
            .toList();
    ConfigurationException.throwIfAny("Optimove integration", list);
  }
}
