package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A TextLocal delivery-status letter, as returned by {@code status_message}, {@code status_batch},
 * the history commands and the delivery-receipt callback.
 *
 * <ul>
 *   <li>{@code D} delivered (final)
 *   <li>{@code U} undelivered, e.g. handset off for a long time (final)
 *   <li>{@code P} pending, en route (interim)
 *   <li>{@code I} invalid number (final)
 *   <li>{@code E} expired (final)
 *   <li>{@code ?} unknown: no status from the network; TextLocal gives up after about four days
 *       (interim, effectively final after that)
 * </ul>
 *
 * <p>Expandable enum: a letter TextLocal adds later is kept by {@link #fromString(String)} with its
 * raw text; compare with {@code equals}.
 */
public final class DeliveryStatus {

  /** D: delivered. */
  public static final DeliveryStatus DELIVERED = new DeliveryStatus("D", true);

  /** U: undelivered. */
  public static final DeliveryStatus UNDELIVERED = new DeliveryStatus("U", true);

  /** P: pending. */
  public static final DeliveryStatus PENDING = new DeliveryStatus("P", false);

  /** I: invalid number. */
  public static final DeliveryStatus INVALID = new DeliveryStatus("I", true);

  /** E: expired. */
  public static final DeliveryStatus EXPIRED = new DeliveryStatus("E", true);

  /** ?: unknown (no status received from the network). */
  public static final DeliveryStatus UNKNOWN = new DeliveryStatus("?", false);

  private final String value;
  private final boolean isFinal;

  private DeliveryStatus(String value, boolean isFinal) {
    this.value = value;
    this.isFinal = isFinal;
  }

  /**
   * The status for a letter; unknown letters are kept as given.
   *
   * @param value the letter, e.g. {@code "D"}; surrounding whitespace and case are ignored
   * @return the status, or null for null
   */
  @JsonCreator
  public static DeliveryStatus fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toUpperCase(java.util.Locale.ROOT);
    return switch (v) {
      case "D" -> DELIVERED;
      case "U" -> UNDELIVERED;
      case "P" -> PENDING;
      case "I" -> INVALID;
      case "E" -> EXPIRED;
      case "?" -> UNKNOWN;
      default -> new DeliveryStatus(v, false);
    };
  }

  /**
   * The letter as TextLocal writes it.
   *
   * @return the letter
   */
  @JsonValue
  public String value() {
    return value;
  }

  /**
   * Whether TextLocal will not change this status any more (D, U, I, E).
   *
   * @return true for a final status
   */
  public boolean isFinal() {
    return isFinal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryStatus other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
