package io.campaignrelay.delivyr.models;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The access type of an Optimove API key, as chosen when the key is generated under Settings -&gt;
 * Access Management -&gt; API Keys. Delivyr's guide requires {@link #INTEGRATIONS} and forbids
 * {@link #ADMIN} and {@link #TRANSACTIONAL} ("Do NOT use Admin or Transaction Access Types").
 *
 * <p>An Optimove key is opaque: its access type cannot be read from the key, so the caller declares
 * it and the SDK rejects anything but {@link #INTEGRATIONS}. Expandable: an unknown value is kept.
 */
public final class OptimoveAccessType {

  /** "Integrations": scoped to chosen channels and attributes. The only type Delivyr accepts. */
  public static final OptimoveAccessType INTEGRATIONS = new OptimoveAccessType("integrations");

  /** "Admin": full access to every API call. Forbidden by Delivyr's guide. */
  public static final OptimoveAccessType ADMIN = new OptimoveAccessType("admin");

  /**
   * "Transactional" (the guide says "Transaction"): access to every endpoint including
   * transactional ones. Forbidden by Delivyr's guide.
   */
  public static final OptimoveAccessType TRANSACTIONAL = new OptimoveAccessType("transactional");

  private static final List<OptimoveAccessType> KNOWN = List.of(INTEGRATIONS, ADMIN, TRANSACTIONAL);

  private final String value;

  private OptimoveAccessType(String value) {
    this.value = value;
  }

  /**
   * Returns the access type named by the text, case-insensitively; {@code "transaction"} and {@code
   * "integration"} are accepted as the guide's spellings. An unknown value is kept.
   *
   * @param value the name shown in Optimove
   * @return the access type; null for null
   */
  public static OptimoveAccessType fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "integrations", "integration":
        return INTEGRATIONS;
      case "admin":
        return ADMIN;
      case "transactional", "transaction":
        return TRANSACTIONAL;
      default:
        return new OptimoveAccessType(value.trim());
    }
  }

  /**
   * The values known to this version of the SDK.
   *
   * @return the known constants
   */
  public static List<OptimoveAccessType> values() {
    return KNOWN;
  }

  /**
   * The name of the access type.
   *
   * @return the lower-case name
   */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptimoveAccessType other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** Returns the name. */
  @Override
  public String toString() {
    return value;
  }
}
