package io.campaignrelay.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential (API key, hash, password, tenant token, webhook secret). Its {@link #toString()} is
 * always redacted, so a secret that ends up in a log line, an exception message or a config's
 * {@code toString()} prints as {@value #REDACTED}. Read the value only where it goes on the wire,
 * with {@link #reveal()}.
 */
public final class Secret {

  /** What a secret prints as. */
  public static final String REDACTED = "****";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** The field name {@link #of(String)} reports when the value is missing or blank. */
  public static final String DEFAULT_FIELD = "secret";

  /**
   * Wraps a credential. A missing or blank value is reported as field {@value #DEFAULT_FIELD}; use
   * {@link #of(String, String)} to name the setting it came from.
   *
   * @param value the credential; must not be null, empty or blank
   * @return the secret
   * @throws ConfigurationException if the value is null, empty or blank
   */
  public static Secret of(String value) {
    return of(DEFAULT_FIELD, value);
  }

  /**
   * Wraps a credential, naming the setting it is for so that a missing or blank value is reported
   * against it, e.g. {@code Secret.of("apiKey", System.getenv("OPTIMOVE_API_KEY"))}.
   *
   * @param field the name of the setting, e.g. {@code "apiKey"}; null reads as {@value
   *     #DEFAULT_FIELD}
   * @param value the credential; must not be null, empty or blank
   * @return the secret
   * @throws ConfigurationException naming the field and the fix if the value is null, empty or
   *     blank
   */
  public static Secret of(String field, String value) {
    String name = field == null || field.isBlank() ? DEFAULT_FIELD : field;
    if (value == null) {
      throw new ConfigurationException(
          "secret",
          ConfigurationProblem.of(
              name,
              null,
              "pass the credential issued by the vendor (e.g. read it from an environment"
                  + " variable and check that the variable is set)"));
    }
    if (value.isBlank()) {
      throw new ConfigurationException(
          "secret",
          new ConfigurationProblem(
              name,
              value.isEmpty() ? "<empty>" : "<blank>",
              "pass the credential issued by the vendor; the value given is "
                  + (value.isEmpty() ? "empty" : "only whitespace")
                  + " (check the environment variable or configuration entry it came from)"));
    }
    return new Secret(value);
  }

  /**
   * Returns the credential itself. Call this only to put it on the wire.
   *
   * @return the value
   */
  public String reveal() {
    return value;
  }

  /**
   * Whether the credential contains any of the given characters (used by vendor rules such as
   * "credentials may not contain {@code $ & =}").
   *
   * @param characters the characters to look for
   * @return true if at least one of them occurs in the value
   */
  public boolean containsAnyOf(String characters) {
    for (int i = 0; i < characters.length(); i++) {
      if (value.indexOf(characters.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Constant-time comparison of the values. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 31; // deliberately constant: the hash must not leak anything about the value
  }

  /** Always {@value #REDACTED}. */
  @Override
  public String toString() {
    return REDACTED;
  }
}
