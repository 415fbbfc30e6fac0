package io.campaignrelay.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration or an input was invalid. Lists every problem found at once, each naming the
 * field, the bad value (redacted when secret) and the fix, so that a caller fixes everything in one
 * pass instead of one error per run.
 */
public class ConfigurationException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable List.copyOf of records; never serialized in practice
  private final List<ConfigurationProblem> problems;

  /**
   * Creates the exception.
   *
   * @param subject what was being validated, e.g. {@code "integration settings"}
   * @param problems every problem found; at least one
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ConfigurationException(String subject, List<ConfigurationProblem> problems) {
    super(format(subject, problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Creates the exception for a single problem.
   *
   * @param subject what was being validated
   * @param problem the problem
   */
  public ConfigurationException(String subject, ConfigurationProblem problem) {
    this(subject, List.of(problem));
  }

  /**
   * Returns every problem found, in the order they were found.
   *
   * @return the problems; never empty
   */
  public List<ConfigurationProblem> problems() {
    return problems;
  }

  /**
   * Throws a {@link ConfigurationException} when {@code problems} is not empty.
   *
   * @param subject what was being validated
   * @param problems the problems found
   * @throws ConfigurationException if there is at least one problem
   */
  public static void throwIfAny(String subject, List<ConfigurationProblem> problems) {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(subject, problems);
    }
  }

  private static String format(String subject, List<ConfigurationProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
    }
    return "Invalid "
        + subject
        + " ("
        + problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + "): "
        + problems.stream().map(ConfigurationProblem::toString).collect(Collectors.joining("; "));
  }
}
