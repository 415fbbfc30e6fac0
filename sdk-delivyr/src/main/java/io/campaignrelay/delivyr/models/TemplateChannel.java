package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Optimove channel kind a Delivyr template is offered in: scheduled campaigns (Optimove channel
 * 452) or triggered campaigns (Optimove channel 250).
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing; compare with {@code equals}.
 */
public final class TemplateChannel {

  /**
   * Scheduled campaigns (Optimove channel 452, Delivyr Scheduled SMS). Wire value {@code
   * scheduled}.
   */
  public static final TemplateChannel SCHEDULED = new TemplateChannel("scheduled");

  /**
   * Triggered campaigns (Optimove channel 250, Delivyr Triggered SMS). Wire value {@code
   * triggered}.
   */
  public static final TemplateChannel TRIGGERED = new TemplateChannel("triggered");

  private static final List<TemplateChannel> KNOWN = List.of(SCHEDULED, TRIGGERED);

  private final String value;

  private TemplateChannel(String value) {
    this.value = value;
  }

  /**
   * Returns the channel with this wire value, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static TemplateChannel fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (TemplateChannel known : KNOWN) {
      if (known.value.equals(v)) {
        return known;
      }
    }
    return new TemplateChannel(value.trim());
  }

  /**
   * The values known to this version of the SDK.
   *
   * @return the known constants
   */
  public static List<TemplateChannel> values() {
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
    return o instanceof TemplateChannel other && value.equals(other.value);
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
