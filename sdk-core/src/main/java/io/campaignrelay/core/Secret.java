package io.campaignrelay.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

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

  /**
   * Wraps a credential.
   *
   * @param value the credential; must not be null or blank
   * @return the secret
   * @throws IllegalArgumentException if the value is blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          "A secret must not be blank: pass the credential issued by the vendor.");
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
