package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The review status of a Delivyr template. Only {@link #APPROVED} custom templates are synced to
 * Optimove.
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing; compare with {@code equals}.
 */
public final class TemplateStatus {

  /** Approved: may be used and is synced to Optimove. Wire value {@code approved}. */
  public static final TemplateStatus APPROVED = new TemplateStatus("approved");

  /** Waiting for review. Wire value {@code pending}. */
  public static final TemplateStatus PENDING = new TemplateStatus("pending");

  /** Rejected by review. Wire value {@code rejected}. */
  public static final TemplateStatus REJECTED = new TemplateStatus("rejected");

  private static final List<TemplateStatus> KNOWN = List.of(APPROVED, PENDING, REJECTED);

  private final String value;

  private TemplateStatus(String value) {
    this.value = value;
  }

  /**
   * Returns the status with this wire value, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static TemplateStatus fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (TemplateStatus known : KNOWN) {
      if (known.value.equals(v)) {
        return known;
      }
    }
    return new TemplateStatus(value.trim());
  }

  /**
   * The values known to this version of the SDK.
   *
   * @return the known constants
   */
  public static List<TemplateStatus> values() {
    return KNOWN;
  }

  /**
   * The wire value.
   *
   * @return the value as Delivyr sends it
   */
  @JsonValue
  public String value() {
    return value;
  }

  /**
   * Whether this value is one this version of the SDK knows.
   *
   * @return true for the constants of this class
   */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TemplateStatus other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** Returns the wire value. */
  @Override
  public String toString() {
    return value;
  }
}
