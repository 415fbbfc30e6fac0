package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The marketing platform's identifier of a customer (its {@code CustomerID}). It is an opaque
 * string: numeric ids are kept as text so that leading zeros and very long ids survive.
 *
 * @param value the id exactly as the platform gives it; not blank, no surrounding whitespace, no
 *     control characters
 */
public record CustomerId(String value) implements Comparable<CustomerId> {

  /** Longest id accepted; far above anything observed, it only stops runaway input. */
  public static final int MAX_LENGTH = 256;

  /**
   * Validates the id.
   *
   * @throws ConfigurationException if the id is blank, padded, too long or has control characters
   */
  public CustomerId {
    ConfigurationException.throwIfAny("customer id", problems(value));
  }

  /**
   * Creates a customer id.
   *
   * @param value the id as the platform gives it
   * @return the id
   * @throws ConfigurationException if the id is blank, padded, too long or has control characters
   */
  public static CustomerId of(String value) {
    return new CustomerId(value);
  }

  static List<ConfigurationProblem> problems(String value) {
    if (value != null && !value.isEmpty() && value.length() <= MAX_LENGTH && isPlainAscii(value)) {
      return List.of(); // the common id: nothing to report, nothing allocated
    }
    List<ConfigurationProblem> problems = new ArrayList<>(1);
    if (value == null || value.isBlank()) {
      problems.add(
          ConfigurationProblem.of(
              "customerId", value, "is blank: give the platform's CustomerID of the customer"));
    } else if (!value.strip().equals(value)) {
      problems.add(
          ConfigurationProblem.of(
              "customerId", value, "has leading or trailing whitespace: trim it"));
    } else if (value.length() > MAX_LENGTH) {
      problems.add(
          ConfigurationProblem.of(
              "customerId",
              Texts.printable(value),
              "is " + value.length() + " characters long: give at most " + MAX_LENGTH));
    } else if (Texts.hasControl(value)) {
      problems.add(
          ConfigurationProblem.of(
              "customerId",
              Texts.printable(value),
              "has control characters: give the id without tabs, line breaks or other controls"));
    }
    return problems;
  }

  /** Visible ASCII only (no space, control or other character): valid without further checks. */
  private static boolean isPlainAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(CustomerId other) {
    return value.compareTo(Objects.requireNonNull(other, "other").value);
  }

  /** Returns the id itself. */
  @Override
  public String toString() {
    return value;
  }
}
