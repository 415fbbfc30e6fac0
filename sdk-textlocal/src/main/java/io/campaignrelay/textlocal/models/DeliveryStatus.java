package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;

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
 * <p>Expandable enum (core's {@link ExpandableStringEnum}): a letter TextLocal adds later is kept
 * by {@link #fromString(String)} with its raw text and {@link #isKnown()} false; compare with
 * {@code equals}, never {@code ==}.
 */
public final class DeliveryStatus extends ExpandableStringEnum<DeliveryStatus> {

  private static final ExpandableValues<DeliveryStatus> VALUES =
      ExpandableValues.create(DeliveryStatus::new);

  /** D: delivered. */
  public static final DeliveryStatus DELIVERED = VALUES.register("D");

  /** U: undelivered. */
  public static final DeliveryStatus UNDELIVERED = VALUES.register("U");

  /** P: pending. */
  public static final DeliveryStatus PENDING = VALUES.register("P");

  /** I: invalid number. */
  public static final DeliveryStatus INVALID = VALUES.register("I");

  /** E: expired. */
  public static final DeliveryStatus EXPIRED = VALUES.register("E");

  /** ?: unknown (no status received from the network). */
  public static final DeliveryStatus UNKNOWN = VALUES.register("?");

  private DeliveryStatus(String value) {
    super(value);
  }

  /**
   * The status for a letter; unknown letters are kept as given (trimmed).
   *
   * @param value the letter, e.g. {@code "D"}; surrounding whitespace and case are ignored
   * @return the status, or null for null
   */
  @JsonCreator
  public static DeliveryStatus fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The letters this SDK version knows, in the order above.
   *
   * @return an unmodifiable list
   */
  public static List<DeliveryStatus> values() {
    return VALUES.known();
  }

  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }

  /**
   * Whether TextLocal will not change this status any more (D, U, I, E). Unknown letters are
   * treated as not final.
   *
   * @return true for a final status
   */
  public boolean isFinal() {
    return equals(DELIVERED) || equals(UNDELIVERED) || equals(INVALID) || equals(EXPIRED);
  }
}
